package identity_test

import (
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// signatureMembers is the order in which S3 writes the members of SignatureDoesNotMatch.
var signatureMembers = []string{"AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes"}

func memberNames(f *identity.Failure) []string {
	names := make([]string, len(f.Extra))
	for i, m := range f.Extra {
		names[i] = m.Name
	}
	return names
}

func member(f *identity.Failure, name string) string {
	GinkgoHelper()
	v, ok := f.Value(name)
	Expect(ok).To(BeTrue(), "member %s missing from %+v", name, f)
	return v
}

var _ = Describe("Verify", func() {
	var v *verifier
	BeforeEach(func() { v = newVerifier(now, ownerDirectory().Secret) })

	// putRequest is the Go SDK's signed PutBucketInventoryConfiguration, ready to tamper with.
	putRequest := func() (*http.Request, []byte) {
		body := []byte(inventoryBody)
		req := newRequest(v, http.MethodPut, "/b?id=report1&inventory=", body)
		req.Header.Set("Content-Type", "application/xml")
		sign(req, body)
		return req, body
	}

	When("a signed request is changed after signing", func() {
		DescribeTable("refuses it with SignatureDoesNotMatch and the members S3 writes",
			func(tamper func(*http.Request)) {
				req, _ := putRequest()
				tamper(req)
				f := v.Do(req)
				Expect(f).NotTo(BeNil())
				Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
				Expect(statusOf(f)).To(Equal(http.StatusForbidden))
				Expect(f.Message).To(BeEmpty(), "the error table's message applies")
				Expect(memberNames(f)).To(Equal(signatureMembers))
			},
			Entry("a signed header's value", func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }),
			Entry("a query value", func(r *http.Request) { r.URL.RawQuery = "id=report2&inventory=" }),
			Entry("an added query key", func(r *http.Request) { r.URL.RawQuery += "&acl=" }),
			Entry("a dropped query key", func(r *http.Request) { r.URL.RawQuery = "id=report1" }),
			Entry("the path", func(r *http.Request) { r.URL.Path = "/c" }),
			Entry("the path, by a trailing slash", func(r *http.Request) { r.URL.Path = "/b/" }),
			Entry("the method", func(r *http.Request) { r.Method = http.MethodPost }),
			Entry("the Host", func(r *http.Request) { r.Host = "c.s3.amazonaws.com" }),
			Entry("the signature itself", func(r *http.Request) {
				auth := r.Header.Get("Authorization")
				r.Header.Set("Authorization", auth[:len(auth)-1]+flip(auth[len(auth)-1]))
			}),
			Entry("the region in the scope", func(r *http.Request) {
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/us-east-1/", "/eu-west-1/", 1))
			}),
		)

		It("refuses a changed body under a hex payload hash with XAmzContentSHA256Mismatch", func() {
			req, body := putRequest()
			changed := []byte(strings.Replace(string(body), "Daily", "Weekl", 1)) // same length
			req.Body = readCloser(changed)
			f := v.Do(req)
			Expect(f).NotTo(BeNil())
			Expect(f.Code).To(Equal("XAmzContentSHA256Mismatch"))
			Expect(statusOf(f)).To(Equal(http.StatusBadRequest))
			Expect(f.Extra).To(Equal([]identity.Member{
				{Name: "ClientComputedContentSHA256", Value: sha256Hex(body)},
				{Name: "S3ComputedContentSHA256", Value: sha256Hex(changed)},
			}))
		})

		It("refuses an x-amz-* header added unsigned, naming it", func() {
			req, _ := putRequest()
			req.Header.Set("X-Amz-Expected-Bucket-Owner", "444455556666")
			f := v.Do(req)
			Expect(f.Code).To(Equal("AccessDenied"))
			Expect(f.Message).To(Equal("There were headers present in the request which were not signed"))
			Expect(f.Extra).To(Equal([]identity.Member{{Name: "HeadersNotSigned", Value: "x-amz-expected-bucket-owner"}}))
		})

		It("answers 403 AccessDenied naming host when SignedHeaders leaves host out", func() {
			req, _ := putRequest()
			auth := req.Header.Get("Authorization")
			Expect(auth).To(ContainSubstring("SignedHeaders=content-length;content-type;host;"))
			req.Header.Set("Authorization", strings.Replace(auth, ";host;", ";", 1))
			f := v.Do(req)
			Expect(f).To(Equal(&identity.Failure{Code: "AccessDenied",
				Message: "There were headers present in the request which were not signed",
				Extra:   []identity.Member{{Name: "HeadersNotSigned", Value: "host"}}}))
		})

		It("names host first among the headers not signed", func() {
			req, _ := putRequest()
			req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), ";host;", ";", 1))
			req.Header.Set("X-Amz-Expected-Bucket-Owner", "444455556666")
			Expect(member(v.Do(req), "HeadersNotSigned")).To(Equal("host,x-amz-expected-bucket-owner"))
		})

		It("answers 403 AccessDenied naming host when X-Amz-SignedHeaders of a presigned URL leaves host out", func() {
			req := newRequest(v, http.MethodGet, "/b?id=report1&inventory=", nil)
			req.Header.Set("Content-Type", "application/xml")
			presigned := presignAt(req, "UNSIGNED-PAYLOAD", owner, now, "60")
			presigned.Header.Set("Content-Type", "application/xml")
			Expect(presigned.URL.RawQuery).To(ContainSubstring("X-Amz-SignedHeaders=content-type%3Bhost"))
			presigned.URL.RawQuery = strings.Replace(presigned.URL.RawQuery, "content-type%3Bhost", "content-type", 1)
			f := v.Do(presigned)
			Expect(f.Code).To(Equal("AccessDenied"))
			Expect(f.Extra).To(Equal([]identity.Member{{Name: "HeadersNotSigned", Value: "host"}}))
		})

		It("ignores headers outside the signature that are not x-amz-*", func() {
			req, _ := putRequest()
			req.Header.Set("User-Agent", "changed")
			req.Header.Set("Amz-Sdk-Request", "attempt=2; max=3")
			Expect(v.Do(req)).To(BeNil())
		})
	})

	When("the signed time is off", func() {
		DescribeTable("refuses more than 15 minutes either way with RequestTimeTooSkewed",
			func(shift time.Duration) {
				req := newRequest(v, http.MethodGet, "/b?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
				signAt(req, nil, owner, "us-east-1", now.Add(shift))
				f := v.Do(req)
				Expect(f).NotTo(BeNil())
				Expect(f.Code).To(Equal("RequestTimeTooSkewed"))
				Expect(statusOf(f)).To(Equal(http.StatusForbidden))
				Expect(f.Extra).To(Equal([]identity.Member{
					{Name: "RequestTime", Value: now.Add(shift).Format("20060102T150405Z")},
					{Name: "ServerTime", Value: "2026-11-25T12:00:00Z"},
					{Name: "MaxAllowedSkewMilliseconds", Value: "900000"},
				}))
			},
			Entry("16 minutes ahead", 16*time.Minute),
			Entry("16 minutes behind", -16*time.Minute),
			Entry("15 minutes and a second behind", -(15*time.Minute+time.Second)),
		)

		It("reads the Date header when X-Amz-Date is absent, and quotes it as sent", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
			sign(req, nil)
			req.Header.Del("X-Amz-Date")
			req.Header.Set("Date", "Wed, 25 Nov 2026 12:20:00 GMT")
			f := v.Do(req)
			Expect(f.Code).To(Equal("RequestTimeTooSkewed"))
			Expect(member(f, "RequestTime")).To(Equal("Wed, 25 Nov 2026 12:20:00 GMT"))
		})

		It("refuses header auth with no usable date", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
			sign(req, nil)
			req.Header.Set("X-Amz-Date", "yesterday")
			f := v.Do(req)
			Expect(f.Code).To(Equal("AccessDenied"))
			Expect(f.Message).To(Equal("AWS authentication requires a valid Date or x-amz-date header"))
		})
	})

	When("the key or the secret is wrong", func() {
		It("refuses an unknown access key with InvalidAccessKeyId", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
			signAt(req, nil, aws.Credentials{AccessKeyID: "AKIANOBODY000000000", SecretAccessKey: "x"}, "us-east-1", now)
			f := v.Do(req)
			Expect(f).To(Equal(&identity.Failure{
				Code:  "InvalidAccessKeyId",
				Extra: []identity.Member{{Name: "AWSAccessKeyId", Value: "AKIANOBODY000000000"}},
			}))
		})

		It("refuses a wrong secret, showing exactly the canonical request and string to sign the signer used", func() {
			req := newRequest(v, http.MethodGet, "/b?continuation-token=a%2Bb%2Fc%3D&inventory=&x-id=ListBucketInventoryConfigurations", nil)
			wrong := owner
			wrong.SecretAccessKey = "not-the-secret"
			rec := signAt(req, nil, wrong, "us-east-1", now)
			f := v.Do(req)
			Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
			Expect(memberNames(f)).To(Equal(signatureMembers))
			Expect(member(f, "AWSAccessKeyId")).To(Equal(owner.AccessKeyID))
			Expect(member(f, "CanonicalRequest")).To(Equal(rec.CanonicalRequest))
			Expect(member(f, "StringToSign")).To(Equal(rec.StringToSign))
			Expect(member(f, "SignatureProvided")).To(Equal(signatureOf(req)))
			Expect(member(f, "StringToSignBytes")).To(HavePrefix("41 57 53 34 2d 48 4d 41 43 2d 53 48 41 32 35 36 0a 32 30 32 36"))
			Expect(member(f, "CanonicalRequestBytes")).To(Equal(spacedHex(rec.CanonicalRequest)))
		})
	})

	When("the request is not signed", func() {
		It("refuses it with a plain AccessDenied", func() {
			f := v.Do(newRequest(v, http.MethodGet, "/b?inventory=", nil))
			Expect(f).To(Equal(&identity.Failure{Code: "AccessDenied"}))
			Expect(statusOf(f)).To(Equal(http.StatusForbidden))
		})
	})
})

func flip(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}

func signatureOf(req *http.Request) string {
	_, sig, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	return sig
}
