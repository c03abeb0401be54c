package identity_test

import (
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

var _ = Describe("Verify", func() {
	var v *verifier
	BeforeEach(func() { v = newVerifier(now, ownerDirectory().Secret) })

	presignedGet := func(at time.Time, expires string) *http.Request {
		req := newRequest(v, http.MethodGet, "/b?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
		return presignAt(req, "UNSIGNED-PAYLOAD", owner, at, expires)
	}

	When("a presigned URL has expired", func() {
		It("refuses it with AccessDenied Request has expired and the times", func() {
			f := v.Do(presignedGet(now.Add(-61*time.Second), "60"))
			Expect(f).To(Equal(&identity.Failure{
				Code: "AccessDenied", Message: "Request has expired",
				Extra: []identity.Member{
					{Name: "X-Amz-Expires", Value: "60"},
					{Name: "Expires", Value: "2026-11-25T11:59:59Z"},
					{Name: "ServerTime", Value: "2026-11-25T12:00:00Z"},
				},
			}))
		})

		It("accepts it up to the second it expires", func() {
			Expect(v.Do(presignedGet(now.Add(-60*time.Second), "60"))).To(BeNil())
		})
	})

	When("a presigned URL is dated in the future", func() {
		It("refuses more than 15 minutes ahead with RequestTimeTooSkewed, quoting X-Amz-Date", func() {
			f := v.Do(presignedGet(now.Add(16*time.Minute), "900"))
			Expect(f.Code).To(Equal("RequestTimeTooSkewed"))
			Expect(member(f, "RequestTime")).To(Equal("20261125T121600Z"))
		})
	})

	When("a presigned URL is changed", func() {
		DescribeTable("refuses it with SignatureDoesNotMatch",
			func(tamper func(*http.Request)) {
				req := presignedGet(now, "900")
				tamper(req)
				f := v.Do(req)
				Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
				Expect(memberNames(f)).To(Equal(signatureMembers))
				Expect(member(f, "CanonicalRequest")).NotTo(ContainSubstring("X-Amz-Signature"))
				Expect(member(f, "CanonicalRequest")).To(HaveSuffix("\nUNSIGNED-PAYLOAD"))
			},
			Entry("a query value", func(r *http.Request) {
				r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "id=report1", "id=report2", 1)
			}),
			Entry("a longer lifetime", func(r *http.Request) {
				r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Expires=900", "X-Amz-Expires=901", 1)
			}),
			Entry("an added query key", func(r *http.Request) { r.URL.RawQuery += "&acl=" }),
			Entry("the method", func(r *http.Request) { r.Method = http.MethodDelete }),
		)

		It("refuses a changed body under a hex X-Amz-Content-Sha256 with XAmzContentSHA256Mismatch", func() {
			body := []byte(inventoryBody)
			req := newRequest(v, http.MethodPut, "/b?id=report1&inventory=", body)
			req.URL.RawQuery += "&X-Amz-Content-Sha256=" + sha256Hex(body)
			presigned := presignAt(req, sha256Hex(body), owner, now, "60")
			presigned.Body = readCloser([]byte(strings.Replace(inventoryBody, "CSV", "ORC", 1)))
			Expect(v.Do(presigned).Code).To(Equal("XAmzContentSHA256Mismatch"))
		})
	})

	When("the presigned query is incomplete or malformed", func() {
		DescribeTable("refuses it with AuthorizationQueryParametersError",
			func(edit func(string) string, message string) {
				req := presignedGet(now, "900")
				req.URL.RawQuery = edit(req.URL.RawQuery)
				f := v.Do(req)
				Expect(f.Code).To(Equal("AuthorizationQueryParametersError"))
				Expect(statusOf(f)).To(Equal(http.StatusBadRequest))
				Expect(f.Message).To(Equal(message))
			},
			Entry("no X-Amz-Expires", dropParam("X-Amz-Expires"),
				"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
			Entry("no X-Amz-Signature", dropParam("X-Amz-Signature"),
				"Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
			Entry("another algorithm", replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256"),
				`X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"`),
			Entry("a credential of four parts", replace("%2Fus-east-1%2F", "%2F"),
				`Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`),
			Entry("another service", replace("%2Fs3%2F", "%2Fs4%2F"),
				`Error parsing the X-Amz-Credential parameter; incorrect service "s4". This endpoint belongs to "s3".`),
			Entry("an X-Amz-Date that is not ISO 8601 basic", replace("X-Amz-Date=20261125T120000Z", "X-Amz-Date=2026-11-25T12%3A00%3A00Z"),
				`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`),
			Entry("an X-Amz-Expires that is not a number", replace("X-Amz-Expires=900", "X-Amz-Expires=15m"),
				"X-Amz-Expires should be a number"),
			Entry("an X-Amz-Expires over a week", replace("X-Amz-Expires=900", "X-Amz-Expires=604801"),
				"X-Amz-Expires must be less than a week (in seconds) that is 604800"),
			Entry("a scope date other than X-Amz-Date's", replace("%2F20261125%2F", "%2F20261124%2F"),
				"Invalid credential date. Date is not the same as X-Amz-Date."),
		)
	})

	When("a request carries both an Authorization header and a presigned query", func() {
		It("refuses it with InvalidArgument", func() {
			req := presignedGet(now, "900")
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
			f := v.Do(req)
			Expect(f.Code).To(Equal("InvalidArgument"))
			Expect(f.Message).To(HavePrefix("Only one auth mechanism allowed"))
			Expect(member(f, "ArgumentName")).To(Equal("Authorization"))
		})
	})
})

func dropParam(name string) func(string) string {
	return func(q string) string {
		var kept []string
		for p := range strings.SplitSeq(q, "&") {
			if !strings.HasPrefix(p, name+"=") {
				kept = append(kept, p)
			}
		}
		return strings.Join(kept, "&")
	}
}

func replace(old, new string) func(string) string {
	return func(q string) string {
		Expect(q).To(ContainSubstring(old))
		return strings.Replace(q, old, new, 1)
	}
}
