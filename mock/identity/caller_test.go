package identity_test

import (
	"net/http"
	"net/http/httptest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

var _ = Describe("AccessKeyOf", func() {
	DescribeTable("finds the claimed access key without checking it",
		func(target, authorization, want string) {
			r := httptest.NewRequest(http.MethodGet, target, nil)
			if authorization != "" {
				r.Header.Set("Authorization", authorization)
			}
			Expect(identity.AccessKeyOf(r, identity.ParseQuery(r.URL.RawQuery))).To(Equal(want))
		},
		Entry("a SigV4 header", "/b?inventory",
			"AWS4-HMAC-SHA256 Credential=AKIAOWNER0000000001/20261125/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00", "AKIAOWNER0000000001"),
		Entry("a SigV4 header without blanks", "/b?inventory",
			"AWS4-HMAC-SHA256 SignedHeaders=host,Credential=AKIAX/20261125/eu-west-1/s3/aws4_request,Signature=00", "AKIAX"),
		Entry("a presigned query", "/b?inventory&X-Amz-Credential=AKIAPRESIGNED%2F20261125%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00", "", "AKIAPRESIGNED"),
		Entry("a SigV2 header", "/b?inventory", "AWS AKIAV2:frJIUN8DYpKDtOLCwo//yllqDzg=", "AKIAV2"),
		Entry("a SigV2 query", "/b?inventory&AWSAccessKeyId=AKIAV2Q&Signature=x&Expires=1", "", "AKIAV2Q"),
		Entry("an unsigned request", "/b?inventory", "", ""),
		Entry("an unknown scheme", "/b?inventory", "Bearer abc", ""),
		Entry("a SigV4 header without a credential", "/b?inventory", "AWS4-HMAC-SHA256 Signature=00", ""),
	)

	It("prefers the header when both are present, as the account lookup must pick one", func() {
		r := httptest.NewRequest(http.MethodGet, "/b?X-Amz-Credential=AKIAQUERY%2Fx", nil)
		r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAHEADER/x")
		Expect(identity.AccessKeyOf(r, identity.ParseQuery(r.URL.RawQuery))).To(Equal("AKIAHEADER"))
	})
})

var _ = Describe("FirstValue", func() {
	It("reads a request header by its canonical key as Header.Get does", func() {
		h := http.Header{}
		h.Add("authorization", "AWS4-HMAC-SHA256 first")
		h.Add("Authorization", "second")
		Expect(identity.FirstValue(h, "Authorization")).To(Equal(h.Get("Authorization")))
		Expect(identity.FirstValue(h, "X-Amz-Date")).To(Equal(""))
		Expect(identity.FirstValue(http.Header{"Range": {}}, "Range")).To(Equal(""))
	})
})
