package mock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// everyCode lists the error table, sorted, as table entries.
func everyCode() []TableEntry {
	codes := mock.ErrorCodes()
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	out := make([]TableEntry, 0, len(codes))
	for _, c := range codes {
		out = append(out, Entry(string(c), c))
	}
	return out
}

var _ = Describe("every error of the table as aws-sdk-go-v2 sees it", func() {
	DescribeTable("the SDK reports the code, the message and the request id",
		func(code mock.ErrorCode) {
			// A hook answers every request with the error under test, the way a scenario does.
			hook := mock.HookFunc(func(w http.ResponseWriter, _ *http.Request, c *mock.Call, _ http.HandlerFunc) {
				mock.WriteError(w, c, mock.NewError(code))
			})
			srv := mock.New(mock.WithHook(hook))
			ts := httptest.NewServer(srv)
			DeferCleanup(ts.Close)
			_, err := sdkClient(ts).GetBucketInventoryConfiguration(context.Background(),
				&s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("reports"), Id: aws.String("report1")})
			ae := apiError(err)
			want := mock.NewError(code)
			Expect(ae.ErrorCode()).To(Equal(string(code)))
			Expect(ae.ErrorMessage()).To(Equal(want.Message))
			j := srv.Journal()
			Expect(j).To(HaveLen(1))
			Expect(j[0].Status).To(Equal(want.Status))
			Expect(j[0].ErrorCode).To(Equal(code))
			Expect(err.Error()).To(ContainSubstring("RequestID: " + j[0].RequestID))
		},
		everyCode(),
	)
})
