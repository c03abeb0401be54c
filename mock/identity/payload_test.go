package identity_test

import (
	"net/http"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

var _ = Describe("CheckContentSHA256", func() {
	body := []byte(inventoryBody)

	DescribeTable("lets through what S3 accepts whether or not auth is on",
		func(value string) {
			h := http.Header{}
			if value != "" {
				h.Set("X-Amz-Content-Sha256", value)
			}
			Expect(identity.CheckContentSHA256(h, body)).To(BeNil())
		},
		Entry("no header", ""),
		Entry("the body's digest", sha256Hex(body)),
		Entry("the body's digest in upper case", upper(sha256Hex(body))),
		Entry("UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOAD"),
		Entry("a STREAMING-* word", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
	)

	It("refuses another body's digest with XAmzContentSHA256Mismatch and both digests", func() {
		h := http.Header{}
		h.Set("X-Amz-Content-Sha256", sha256Hex(nil))
		Expect(identity.CheckContentSHA256(h, body)).To(Equal(&identity.Failure{
			Code: "XAmzContentSHA256Mismatch",
			Extra: []identity.Member{
				{Name: "ClientComputedContentSHA256", Value: sha256Hex(nil)},
				{Name: "S3ComputedContentSHA256", Value: sha256Hex(body)},
			},
		}))
	})
})

var _ = Describe("Codes", func() {
	It("lists each code Verify can answer once", func() {
		Expect(identity.Codes()).To(ConsistOf(
			"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "RequestTimeTooSkewed",
			"XAmzContentSHA256Mismatch", "AuthorizationHeaderMalformed",
			"AuthorizationQueryParametersError", "InvalidRequest", "InvalidArgument",
			"IncompleteBody", "MissingContentLength", "NotImplemented",
		))
	})
})

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
