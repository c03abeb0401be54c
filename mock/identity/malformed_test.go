package identity_test

import (
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("Verify", func() {
	var v *verifier
	BeforeEach(func() { v = newVerifier(now, ownerDirectory().Secret) })

	// signedGet is a correctly signed Get whose Authorization header a spec rewrites.
	signedGet := func() *http.Request {
		req := newRequest(v, http.MethodGet, "/b?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
		sign(req, nil)
		return req
	}
	rewrite := func(req *http.Request, old, new string) {
		auth := req.Header.Get("Authorization")
		Expect(auth).To(ContainSubstring(old))
		req.Header.Set("Authorization", strings.Replace(auth, old, new, 1))
	}

	When("the Authorization header is malformed", func() {
		DescribeTable("refuses it with AuthorizationHeaderMalformed",
			func(old, new, reason string) {
				req := signedGet()
				rewrite(req, old, new)
				f := v.Do(req)
				Expect(f.Code).To(Equal("AuthorizationHeaderMalformed"))
				Expect(statusOf(f)).To(Equal(http.StatusBadRequest))
				Expect(f.Message).To(Equal("The authorization header is malformed; " + reason))
			},
			Entry("no SignedHeaders", ", SignedHeaders=host;x-amz-content-sha256;x-amz-date", "",
				"the authorization header requires three components: Credential, SignedHeaders, and Signature."),
			Entry("an empty SignedHeaders", "SignedHeaders=host;x-amz-content-sha256;x-amz-date", "SignedHeaders=",
				"the authorization header requires three components: Credential, SignedHeaders, and Signature."),
			Entry("a component without =", "Signature=", "Signature ",
				"the authorization header requires three components: Credential, SignedHeaders, and Signature."),
			Entry("a credential without its terminator", "/aws4_request", "/aws5_request",
				`the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`),
			Entry("a credential with a short date", "/20261125/", "/2026112/",
				`the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`),
			Entry("another service", "/s3/aws4_request", "/s3-object-lambda/aws4_request",
				`incorrect service "s3-object-lambda". This endpoint belongs to "s3".`),
			Entry("a scope date other than X-Amz-Date's", "/20261125/", "/20261126/",
				"Invalid credential date. Date is not the same as X-Amz-Date."),
		)

		It("accepts components in another order and without blanks after the commas", func() {
			req := signedGet()
			auth := req.Header.Get("Authorization")
			rest := strings.TrimPrefix(auth, "AWS4-HMAC-SHA256 ")
			parts := strings.Split(rest, ", ")
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 "+parts[2]+","+parts[0]+","+parts[1])
			Expect(v.Do(req)).To(BeNil())
		})
	})

	When("the request uses another mechanism", func() {
		It("refuses Signature Version 2 in the header with InvalidRequest", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory", nil)
			req.Header.Set("Authorization", "AWS AKIAOWNER0000000001:frJIUN8DYpKDtOLCwo//yllqDzg=")
			f := v.Do(req)
			Expect(f.Code).To(Equal("InvalidRequest"))
			Expect(f.Message).To(Equal("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."))
		})

		It("refuses Signature Version 2 in the query with InvalidRequest", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory&AWSAccessKeyId=AKIAOWNER0000000001&Expires=1795000000&Signature=x", nil)
			Expect(v.Do(req).Code).To(Equal("InvalidRequest"))
		})

		It("refuses an unknown scheme with InvalidArgument, quoting the header", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory", nil)
			req.Header.Set("Authorization", "Bearer abc")
			f := v.Do(req)
			Expect(f.Code).To(Equal("InvalidArgument"))
			Expect(f.Message).To(Equal("Unsupported Authorization Type"))
			Expect(member(f, "ArgumentValue")).To(Equal("Bearer abc"))
		})
	})

	When("x-amz-content-sha256 is missing or of no known form", func() {
		It("refuses a header-signed request without it with InvalidRequest", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
			Expect(s3Signer(nil).SignHTTP(ctx(), owner, req, sha256Hex(nil), "s3", "us-east-1", now)).To(Succeed())
			f := v.Do(req)
			Expect(f.Code).To(Equal("InvalidRequest"))
			Expect(f.Message).To(Equal("Missing required header for this request: x-amz-content-sha256"))
		})

		It("refuses a value that is neither a digest nor a known word with InvalidArgument", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
			req.Header.Set("X-Amz-Content-Sha256", "abc")
			Expect(s3Signer(nil).SignHTTP(ctx(), owner, req, "abc", "s3", "us-east-1", now)).To(Succeed())
			f := v.Do(req)
			Expect(f.Code).To(Equal("InvalidArgument"))
			Expect(member(f, "ArgumentName")).To(Equal("x-amz-content-sha256"))
			Expect(member(f, "ArgumentValue")).To(Equal("abc"))
		})
	})
})
