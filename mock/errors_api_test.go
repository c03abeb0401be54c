package mock_test

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("The Go API's errors", func() {
	It("answers a missing bucket with the *Error NoSuchBucket, which errors.Is and errors.As know by its code", func() {
		srv := mock.New()
		_, err := srv.Configurations("nosuch")
		Expect(errors.Is(err, mock.NoSuchBucket)).To(BeTrue())
		Expect(errors.Is(err, mock.NoSuchConfiguration)).To(BeFalse())
		Expect(errors.Is(err, mock.NewError(mock.NoSuchBucket))).To(BeTrue())
		var e *mock.Error
		Expect(errors.As(err, &e)).To(BeTrue())
		Expect(e.Status).To(Equal(404))
		Expect(e.Extra).To(Equal([]mock.Member{{Name: "BucketName", Value: "nosuch"}}))
	})

	It("answers a refused document with the *Error MalformedXML", func() {
		srv := mock.New()
		Expect(srv.AddBucket("reports")).To(Succeed())
		err := srv.PutConfigurationXML("reports", []byte("<nope/>"))
		Expect(errors.Is(err, mock.MalformedXML)).To(BeTrue())
	})

	It("lists the error table's codes in table order, NoSuchBucket first", func() {
		codes := mock.ErrorCodes()
		Expect(codes[:3]).To(Equal([]mock.ErrorCode{mock.NoSuchBucket, mock.NoSuchConfiguration, mock.MalformedXML}))
		Expect(codes).To(Equal(mock.ErrorCodes()), "the same order every call")
	})
})

// fixedIDs answers every request with the same pair, as a test that pins ids would.
type fixedIDs struct{}

func (fixedIDs) Next() (string, string) { return "0123456789ABCDEF", "aG9zdA==" }

var _ = Describe("WithRequestIDs", func() {
	It("takes x-amz-request-id and x-amz-id-2, and the error body's RequestId and HostId, from the given source", func() {
		_, ts := startFake(mock.WithRequestIDs(fixedIDs{}))
		r := do(ts, "GET", "/nosuch?inventory", nil)
		Expect(r.Header.Get("x-amz-request-id")).To(Equal("0123456789ABCDEF"))
		Expect(r.Header.Get("x-amz-id-2")).To(Equal("aG9zdA=="))
		Expect(string(r.Body)).To(HaveSuffix("<RequestId>0123456789ABCDEF</RequestId><HostId>aG9zdA==</HostId></Error>"))
	})
})
