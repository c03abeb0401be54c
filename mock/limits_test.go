package mock_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// documentWith is a valid configuration "limits" with the destination children and
// Filter given.
func documentWith(destination, filter string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>limits</Id>` +
		`<IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` + destination +
		`</S3BucketDestination></Destination><Schedule><Frequency>Daily</Frequency></Schedule>` + filter +
		`<IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`)
}

const destBucket = `<Bucket>arn:aws:s3:::dest</Bucket>`

var _ = Describe("PutBucketInventoryConfiguration field limits", func() {
	longest := strings.Repeat("p", inventory.MaxPrefixBytes)
	DescribeTable("refuses what S3 does not accept, and stores nothing",
		func(doc []byte, code mock.ErrorCode) {
			srv, ts := startFake()
			Expect(srv.AddBucket("reports")).To(Succeed())
			r := do(ts, http.MethodPut, "/reports?inventory&id=limits", doc)
			Expect(r.Status).To(Equal(http.StatusBadRequest))
			Expect(string(r.Body)).To(ContainSubstring("<Code>" + string(code) + "</Code>"))
			Expect(do(ts, http.MethodGet, "/reports?inventory&id=limits", nil).Status).To(Equal(http.StatusNotFound))
			Expect(srv.PutConfigurationXML("reports", doc)).To(MatchError(ContainSubstring(string(code))))
		},
		Entry("a Filter Prefix of 1,025 bytes", documentWith(destBucket, `<Filter><Prefix>`+longest+`q</Prefix></Filter>`), mock.MalformedXML),
		Entry("a Filter Prefix of 900 KiB", documentWith(destBucket, `<Filter><Prefix>`+strings.Repeat("p", 900<<10)+`</Prefix></Filter>`), mock.MalformedXML),
		Entry("a destination Prefix of 1,025 bytes", documentWith(destBucket+`<Prefix>`+longest+`q</Prefix>`, ""), mock.MalformedXML),
		Entry("an AccountId of 11 digits", documentWith(`<AccountId>12345678901</AccountId>`+destBucket, ""), mock.MalformedXML),
		Entry("an AccountId with a letter", documentWith(`<AccountId>12345678901x</AccountId>`+destBucket, ""), mock.MalformedXML),
		Entry("a KMS KeyId of 2,049 bytes", documentWith(destBucket+`<Encryption><SSE-KMS><KeyId>`+strings.Repeat("k", 2049)+`</KeyId></SSE-KMS></Encryption>`, ""), mock.MalformedXML),
		Entry("an ARN whose bucket name is 64 characters", documentWith(`<Bucket>arn:aws:s3:::`+strings.Repeat("b", 64)+`</Bucket>`, ""), mock.InvalidS3DestinationBucket),
		Entry("an ARN whose bucket name is 2 characters", documentWith(`<Bucket>arn:aws:s3:::bb</Bucket>`, ""), mock.InvalidS3DestinationBucket),
		Entry("an ARN whose bucket name has upper case", documentWith(`<Bucket>arn:aws:s3:::Dest</Bucket>`, ""), mock.InvalidS3DestinationBucket),
		Entry("an ARN with a 33-byte partition", documentWith(`<Bucket>arn:`+strings.Repeat("a", 33)+`:s3:::dest</Bucket>`, ""), mock.InvalidS3DestinationBucket),
	)

	It("accepts every field at its limit", func() {
		srv := mock.New()
		Expect(srv.AddBucket("reports")).To(Succeed())
		Expect(srv.PutConfigurationXML("reports", documentWith(
			`<AccountId>123456789012</AccountId><Bucket>arn:aws-us-gov:s3:::`+strings.Repeat("d", 63)+`</Bucket><Prefix>`+longest+`</Prefix>`+
				`<Encryption><SSE-KMS><KeyId>`+strings.Repeat("k", inventory.MaxKMSKeyIDBytes)+`</KeyId></SSE-KMS></Encryption>`,
			`<Filter><Prefix>`+strings.Repeat("é", inventory.MaxPrefixBytes/2)+`</Prefix></Filter>`))).To(Succeed())
	})

	It("refuses a seed whose configuration breaks a limit, naming it", func() {
		err := mock.New().LoadState(&mock.State{Buckets: []mock.BucketState{{Name: "reports",
			Inventory: []string{string(documentWith(destBucket, `<Filter><Prefix>`+longest+`q</Prefix></Filter>`))}}}})
		var se *mock.StateError
		Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
		Expect(se.Problems).To(HaveLen(1))
		Expect(se.Problems[0].Code).To(Equal(mock.MalformedXML))
	})
})

var _ = Describe("the bucket cap", func() {
	It("answers 400 TooManyBuckets to CreateBucket past WithMaxBuckets, and creates nothing", func() {
		srv, ts := startFake(mock.WithMaxBuckets(2))
		Expect(do(ts, http.MethodPut, "/one", nil).Status).To(Equal(http.StatusOK))
		Expect(do(ts, http.MethodPut, "/two", nil).Status).To(Equal(http.StatusOK))
		r := do(ts, http.MethodPut, "/three", nil)
		Expect(r.Status).To(Equal(http.StatusBadRequest))
		Expect(string(r.Body)).To(ContainSubstring("<Code>TooManyBuckets</Code><Message>You have attempted to create more buckets than allowed</Message><RequestId>"))
		Expect(do(ts, http.MethodHead, "/three", nil).Status).To(Equal(http.StatusNotFound))
		Expect(do(ts, http.MethodPut, "/two", nil).Status).To(Equal(http.StatusOK), "re-creating one's us-east-1 bucket adds none")
		Expect(srv.AddBucket("three")).To(MatchError(ContainSubstring("TooManyBuckets")))
		Expect(do(ts, http.MethodDelete, "/one", nil).Status).To(Equal(http.StatusNoContent))
		Expect(srv.AddBucket("three")).To(Succeed())
	})

	It("holds DefaultMaxBuckets by default", func() {
		srv := mock.New()
		for i := range mock.DefaultMaxBuckets {
			Expect(srv.AddBucket(fmt.Sprintf("b%05d", i))).To(Succeed())
		}
		Expect(srv.AddBucket("onemore")).To(MatchError(ContainSubstring("TooManyBuckets")))
	})

	It("refuses a state with more buckets than the cap, and keeps the old state", func() {
		srv := mock.New(mock.WithMaxBuckets(2))
		Expect(srv.AddBucket("kept")).To(Succeed())
		err := srv.LoadState(&mock.State{Buckets: []mock.BucketState{{Name: "aaa"}, {Name: "bbb"}, {Name: "ccc"}}})
		var se *mock.StateError
		Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
		Expect(se.Problems).To(ConsistOf(mock.StateProblem{Path: "buckets[2]", Bucket: "ccc", Code: mock.TooManyBuckets,
			Message: "You have attempted to create more buckets than allowed: the state has 3 buckets, the server holds at most 2"}))
		Expect(srv.Buckets()).To(HaveLen(1))
		Expect(srv.Buckets()[0].Name).To(Equal("kept"))
	})
})
