package mock_test

import (
	"bufio"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// rawExchange writes request bytes on a fresh connection and reads the answer's status
// line and body, for requests net/http's client would never send.
func rawExchange(ts *httptest.Server, request string) (string, string) {
	GinkgoHelper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	Expect(err).NotTo(HaveOccurred())
	defer conn.Close()
	_, err = io.WriteString(conn, request)
	Expect(err).NotTo(HaveOccurred())
	rd := bufio.NewReader(conn)
	status, err := rd.ReadString('\n')
	Expect(err).NotTo(HaveOccurred())
	length := 0
	for {
		line, err := rd.ReadString('\n')
		Expect(err).NotTo(HaveOccurred())
		if line == "\r\n" {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Content-Length") {
			_, _ = fmt.Sscanf(strings.TrimSpace(v), "%d", &length)
		}
	}
	body := make([]byte, length)
	_, err = io.ReadFull(rd, body)
	Expect(err).NotTo(HaveOccurred())
	return strings.TrimSpace(status), string(body)
}

var _ = Describe("PutBucketInventoryConfiguration body checks", func() {
	var (
		srv *mock.Server
		ts  *httptest.Server
		doc = minimalDocument("report1")
	)
	BeforeEach(func() {
		srv, ts = startFake(mock.WithMaxBodyBytes(4096))
		Expect(srv.AddBucket("reports")).To(Succeed())
	})
	unchanged := func() {
		GinkgoHelper()
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(cs).To(BeEmpty(), "a refused request changed the state")
	}

	It("answers 204 with an empty body and no Content-Type", func() {
		r := do(ts, "PUT", "/reports?inventory&id=report1", doc)
		Expect(r.Status).To(Equal(204))
		Expect(r.Body).To(BeEmpty())
		Expect(r.Header).NotTo(HaveKey("Content-Type"))
	})

	It("accepts a matching Content-MD5 and x-amz-content-sha256", func() {
		sum := md5.Sum(doc)
		sha := sha256.Sum256(doc)
		r := do(ts, "PUT", "/reports?inventory&id=report1", doc,
			"Content-MD5", base64.StdEncoding.EncodeToString(sum[:]), "X-Amz-Content-Sha256", hex.EncodeToString(sha[:]))
		Expect(r.Status).To(Equal(204))
	})

	DescribeTable("accepts payload hashes that are not digests",
		func(v string) {
			Expect(do(ts, "PUT", "/reports?inventory&id=report1", doc, "X-Amz-Content-Sha256", v).Status).To(Equal(204))
		},
		Entry("UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOAD"),
		Entry("STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
	)

	It("answers 400 BadDigest to a Content-MD5 of other bytes", func() {
		sum := md5.Sum([]byte("other"))
		r := do(ts, "PUT", "/reports?inventory&id=report1", doc, "Content-MD5", base64.StdEncoding.EncodeToString(sum[:]))
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(HavePrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message>"))
		unchanged()
	})

	It("answers 400 InvalidDigest to a Content-MD5 that is not base64 of 16 bytes", func() {
		r := do(ts, "PUT", "/reports?inventory&id=report1", doc, "Content-MD5", "bm90LW1kNQ==")
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(ContainSubstring("<Code>InvalidDigest</Code><Message>The Content-MD5 you specified is not valid.</Message>"))
		unchanged()
	})

	It("answers 400 XAmzContentSHA256Mismatch to a hex digest of other bytes", func() {
		sha := sha256.Sum256([]byte("other"))
		r := do(ts, "PUT", "/reports?inventory&id=report1", doc, "X-Amz-Content-Sha256", hex.EncodeToString(sha[:]))
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(ContainSubstring("<Code>XAmzContentSHA256Mismatch</Code><Message>The provided 'x-amz-content-sha256' header does not match what was computed.</Message>"))
		unchanged()
	})

	It("answers 411 MissingContentLength to a PUT with neither Content-Length nor chunking", func() {
		status, body := rawExchange(ts, "PUT /reports?inventory&id=report1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		Expect(status).To(Equal("HTTP/1.1 411 Length Required"))
		Expect(body).To(ContainSubstring("<Code>MissingContentLength</Code><Message>You must provide the Content-Length HTTP header.</Message>"))
		unchanged()
	})

	It("accepts a chunked body", func() {
		chunk := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(doc), doc)
		status, _ := rawExchange(ts, "PUT /reports?inventory&id=report1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"+chunk)
		Expect(status).To(Equal("HTTP/1.1 204 No Content"))
	})

	It("answers 400 MaxMessageLengthExceeded to a body over the limit without reading it", func() {
		status, body := rawExchange(ts, "PUT /reports?inventory&id=report1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\nConnection: close\r\n\r\n<Inv")
		Expect(status).To(Equal("HTTP/1.1 400 Bad Request"))
		Expect(body).To(ContainSubstring("<Code>MaxMessageLengthExceeded</Code><Message>Your request was too big.</Message>"))
		unchanged()
	})

	It("checks the bucket and the caller before the body: NoSuchBucket and AccessDenied before BadDigest", func() {
		bad := base64.StdEncoding.EncodeToString(make([]byte, 16))
		r := do(ts, "PUT", "/missing?inventory&id=report1", doc, "Content-MD5", bad)
		Expect(string(r.Body)).To(ContainSubstring("<Code>NoSuchBucket</Code>"))
		r = do(ts, "PUT", "/reports?inventory&id=report1", doc, "Content-MD5", bad, "X-Amz-Expected-Bucket-Owner", "111122223333")
		Expect(string(r.Body)).To(Equal(errorBody(r, true, "AccessDenied", "Access Denied")))
		r = do(ts, "PUT", "/reports?inventory&id=report1", doc, "Content-MD5", bad)
		Expect(string(r.Body)).To(ContainSubstring("<Code>BadDigest</Code>"))
		unchanged()
	})

	DescribeTable("refuses a hex x-amz-content-sha256 of other bytes on a bodiless request too",
		func(method, target string) {
			Expect(srv.PutConfigurationXML("reports", doc)).To(Succeed())
			sha := sha256.Sum256([]byte("x"))
			r := do(ts, method, target, nil, "X-Amz-Content-Sha256", hex.EncodeToString(sha[:]))
			Expect(r.Status).To(Equal(400))
			Expect(string(r.Body)).To(ContainSubstring("<Code>XAmzContentSHA256Mismatch</Code>"))
			cs, _ := srv.Configurations("reports")
			Expect(cs).To(HaveLen(1))
			empty := sha256.Sum256(nil)
			Expect(do(ts, method, target, nil, "X-Amz-Content-Sha256", hex.EncodeToString(empty[:])).Status).To(BeNumerically("<", 300))
		},
		Entry("GetBucketInventoryConfiguration", "GET", "/reports?inventory&id=report1"),
		Entry("ListBucketInventoryConfigurations", "GET", "/reports?inventory"),
		Entry("DeleteBucketInventoryConfiguration", "DELETE", "/reports?inventory&id=report1"),
	)

	It("accepts a document that starts with a UTF-8 byte-order mark", func() {
		r := do(ts, "PUT", "/reports?inventory&id=report1", append([]byte("\xef\xbb\xbf"), doc...))
		Expect(r.Status).To(Equal(204), string(r.Body))
	})

	It("checks in S3's order: NoSuchBucket before MalformedXML, AccessDenied before MalformedXML", func() {
		r := do(ts, "PUT", "/missing?inventory&id=report1", []byte("not xml"))
		Expect(string(r.Body)).To(ContainSubstring("<Code>NoSuchBucket</Code>"))
		r = do(ts, "PUT", "/reports?inventory&id=report1", []byte("not xml"), "X-Amz-Expected-Bucket-Owner", "111122223333")
		Expect(string(r.Body)).To(Equal(errorBody(r, true, "AccessDenied", "Access Denied")))
		unchanged()
	})
})
