package mock_test

import (
	"net/http/httptest"
	"net/url"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
)

var _ = Describe("GetObject and the listings on the wire", func() {
	var ts *httptest.Server
	BeforeEach(func() { ts = readWorld() })

	DescribeTable("Range on the ten bytes 0123456789",
		func(rng string, status int, contentRange, body string) {
			r := do(ts, "GET", "/dest/data/digits.txt", nil, "Range", rng)
			Expect(r.Status).To(Equal(status))
			Expect(r.Header.Get("Content-Range")).To(Equal(contentRange))
			if status != 416 {
				Expect(string(r.Body)).To(Equal(body))
			}
		},
		Entry("0-8", "bytes=0-8", 206, "bytes 0-8/10", "012345678"),
		Entry("1-", "bytes=1-", 206, "bytes 1-9/10", "123456789"),
		Entry("-2", "bytes=-2", 206, "bytes 8-9/10", "89"),
		Entry("-15 is clamped", "bytes=-15", 206, "bytes 0-9/10", "0123456789"),
		Entry("0-100 is clamped", "bytes=0-100", 206, "bytes 0-9/10", "0123456789"),
		Entry("1-0 is ignored", "bytes=1-0", 200, "", "0123456789"),
		Entry("-1- is ignored", "bytes=-1-", 200, "", "0123456789"),
		Entry("0--1 is ignored", "bytes=0--1", 200, "", "0123456789"),
		Entry("several ranges are ignored", "bytes=0-1,3-4,7-9", 200, "", "0123456789"),
		Entry("no bytes= is ignored", "0-1", 200, "", "0123456789"),
		Entry("- is ignored", "bytes=-", 200, "", "0123456789"),
		Entry("-0 is unsatisfiable", "bytes=-0", 416, "", ""),
		Entry("100-200 is unsatisfiable", "bytes=100-200", 416, "", ""),
	)

	etag := `"781e5e245d69b566979b86e28d23f2c7"`
	DescribeTable("preconditions, in S3's order",
		func(method string, status int, header ...string) {
			r := do(ts, method, "/dest/data/digits.txt", nil, header...)
			Expect(r.Status).To(Equal(status), "%s", r.Body)
			if method == "HEAD" || status == 304 {
				Expect(r.Body).To(BeEmpty())
			}
		},
		Entry("If-Match holds", "GET", 200, "If-Match", etag),
		Entry("If-Match without quotes", "GET", 200, "If-Match", "781e5e245d69b566979b86e28d23f2c7"),
		Entry("If-Match fails", "GET", 412, "If-Match", `"x"`),
		Entry("If-Unmodified-Since before", "GET", 412, "If-Unmodified-Since", "Sat, 21 Nov 2026 00:00:00 GMT"),
		Entry("If-Match holding beats If-Unmodified-Since", "GET", 200, "If-Match", etag, "If-Unmodified-Since", "Sat, 21 Nov 2026 00:00:00 GMT"),
		Entry("If-None-Match matches", "GET", 304, "If-None-Match", etag),
		Entry("If-Modified-Since not modified", "GET", 304, "If-Modified-Since", "Sun, 22 Nov 2026 01:00:00 GMT"),
		Entry("If-Modified-Since in the future is ignored", "GET", 200, "If-Modified-Since", "Sun, 22 Nov 2099 01:00:00 GMT"),
		Entry("If-Match fails before If-None-Match", "GET", 412, "If-Match", `"x"`, "If-None-Match", etag),
		Entry("HEAD 412 has no body", "HEAD", 412, "If-Match", `"x"`),
		Entry("HEAD 304 has no body", "HEAD", 304, "If-None-Match", etag),
		Entry("preconditions come before the range", "GET", 412, "If-Match", `"x"`, "Range", "bytes=100-200"),
	)

	It("answers a versionId naming a delete marker with 405 and x-amz-delete-marker", func() {
		r := do(ts, "GET", "/dest/data/deleted.txt?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHZ", nil)
		Expect(r.Status).To(Equal(405))
		Expect(r.Header.Get("x-amz-delete-marker")).To(Equal("true"))
		old := do(ts, "GET", "/dest/data/deleted.txt?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", nil)
		Expect(old.Status).To(Equal(200))
		Expect(old.Header.Get("x-amz-version-id")).To(Equal("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"))
	})

	It("reads the null version with versionId=null and refuses a malformed one", func() {
		Expect(do(ts, "GET", "/dest/data/digits.txt?versionId=null", nil).Status).To(Equal(200))
		r := do(ts, "GET", "/dest/data/digits.txt?versionId=a%20b", nil)
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(ContainSubstring("<Message>Invalid version id specified</Message><ArgumentName>versionId</ArgumentName>"))
	})

	DescribeTable("listing errors",
		func(target, message string) {
			r := do(ts, "GET", target, nil)
			Expect(r.Status).To(Equal(400))
			Expect(string(r.Body)).To(ContainSubstring("<Code>InvalidArgument</Code><Message>" + message + "</Message>"))
		},
		Entry("encoding-type", "/dest?list-type=2&encoding-type=xml", "Invalid Encoding Method specified in Request"),
		Entry("an empty token", "/dest?list-type=2&continuation-token=", "The continuation token provided is incorrect"),
		Entry("a forged token", "/dest?list-type=2&continuation-token=AAAA", "The continuation token provided is incorrect"),
		Entry("max-keys", "/dest?list-type=2&max-keys=-1", "Provided max-keys not an integer or within integer range"),
	)

	It("refuses an inventory List token in ListObjectsV2", func() {
		srvTok := do(ts, "GET", "/dest?list-type=2&max-keys=1", nil)
		Expect(string(srvTok.Body)).To(ContainSubstring("<NextContinuationToken>"))
		r := do(ts, "GET", "/dest?inventory&continuation-token="+tokenOf(srvTok.Body), nil)
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(ContainSubstring("MalformedContinuationToken"))
	})

	It("echoes start-after, is exclusive, and lets a token win over it", func() {
		r := do(ts, "GET", "/dest?list-type=2&start-after=data/digits.txt&max-keys=1", nil)
		Expect(string(r.Body)).To(ContainSubstring("<StartAfter>data/digits.txt</StartAfter>"))
		Expect(string(r.Body)).To(ContainSubstring("<Key>top.txt</Key>"))
		fo := do(ts, "GET", "/dest?list-type=2&prefix=top&fetch-owner=true", nil)
		Expect(string(fo.Body)).To(ContainSubstring("<Size>1</Size><Owner><ID>"))
		Expect(fixtures.DestBucket).To(Equal("dest"))
	})
})

// tokenOf returns the NextContinuationToken of a listing, query-escaped.
func tokenOf(body []byte) string {
	s := string(body)
	i := strings.Index(s, "<NextContinuationToken>") + len("<NextContinuationToken>")
	return url.QueryEscape(s[i : i+strings.Index(s[i:], "<")])
}
