package mock_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
)

// goldenWorld builds the state every golden's request line assumes (fixtures/README.md).
func goldenWorld(opts ...mock.Option) (*mock.Server, *httptest.Server) {
	GinkgoHelper()
	srv, ts := startFake(opts...)
	Expect(srv.AddBucket("reports")).To(Succeed())
	Expect(srv.AddBucket("empty")).To(Succeed())
	Expect(srv.AddBucket("foreign", mock.OwnedBy("111122223333"))).To(Succeed())
	full, err := fixtures.RequestBody("gosdk", "full")
	Expect(err).NotTo(HaveOccurred())
	Expect(srv.PutConfigurationXML("reports", full)).To(Succeed())
	return srv, ts
}

// readWorld is goldenWorld plus the dest bucket of FACTS.md section 8's goldens.
func readWorld() *httptest.Server {
	GinkgoHelper()
	srv, ts := goldenWorld()
	Expect(srv.AddBucket(fixtures.DestBucket)).To(Succeed())
	Expect(srv.PutObjectVersions(fixtures.DestBucket, fixtures.DestObjects()...)).To(Succeed())
	return ts
}

// readsGolden tells the goldens that assume the dest bucket.
func readsGolden(g fixtures.Golden) bool { return strings.Contains(g.Source, "FACTS.md section 8") }

// sendGolden sends a golden's setup steps and request, and returns the answer.
func sendGolden(ts *httptest.Server, g fixtures.Golden) rawResponse {
	GinkgoHelper()
	for _, st := range g.Setup {
		r := do(ts, st.Method, st.Target, st.Body)
		Expect(r.Status).To(BeNumerically("<", 300), "setup %s %s: %s", st.Method, st.Target, r.Body)
	}
	var hdr []string
	for k, vs := range g.RequestHeader {
		hdr = append(hdr, k, vs[0])
	}
	body := g.RequestBody
	if body == nil && (g.Method == "PUT") {
		body = []byte{}
	}
	return do(ts, g.Method, g.Target, body, hdr...)
}

// expectGolden compares an answer with a golden: status, headers, Content-Type, bytes.
func expectGolden(g fixtures.Golden, r rawResponse) {
	GinkgoHelper()
	Expect(r.Status).To(Equal(g.Status), "body: %s", r.Body)
	for k, vs := range g.Header {
		Expect(r.Header.Values(k)).To(Equal(vs), "header %s", k)
	}
	if g.ContentTypeAbsent {
		Expect(r.Header).NotTo(HaveKey("Content-Type"))
	} else {
		Expect(r.Header.Get("Content-Type")).To(Equal(g.ContentType))
	}
	Expect(g.Match(r.Body, r.Header.Get("x-amz-request-id"), r.Header.Get("x-amz-id-2"))).To(Succeed(),
		"got:  %s\nwant: %s", r.Body, g.Body)
}

// goldensToReplay are the goldens whose request line a spec can send as it is.
func goldensToReplay() []TableEntry {
	gs, err := fixtures.Goldens()
	if err != nil {
		panic(err)
	}
	var out []TableEntry
	for _, g := range gs {
		if g.Request == "(setup)" || g.Injected() || g.Name == "PutBucketInventoryConfiguration/missing-content-length" ||
			strings.HasPrefix(g.Name, "Any/") && strings.Contains(g.Name, "signature") {
			continue
		}
		out = append(out, Entry(g.Name, g))
	}
	return out
}

var _ = Describe("answers byte for byte as the golden files say", func() {
	DescribeTable("replaying each golden's request",
		func(g fixtures.Golden) {
			if readsGolden(g) {
				expectGolden(g, sendGolden(readWorld(), g))
				return
			}
			_, ts := goldenWorld()
			expectGolden(g, sendGolden(ts, g))
		},
		goldensToReplay(),
	)

	DescribeTable("injected errors render from the one error table",
		func(name string, code mock.ErrorCode) {
			g, err := fixtures.LoadGolden(name)
			Expect(err).NotTo(HaveOccurred())
			rec := httptest.NewRecorder()
			c := &mock.Call{Method: "GET", RequestID: "4442587FB7D0A2F9", HostID: "aG9zdA=="}
			mock.WriteError(rec, c, mock.NewError(code))
			Expect(rec.Code).To(Equal(g.Status))
			Expect(rec.Header().Get("Content-Type")).To(Equal(g.ContentType))
			Expect(g.Match(rec.Body.Bytes(), c.RequestID, c.HostID)).To(Succeed())
		},
		Entry("503 SlowDown", "Any/slow-down", mock.SlowDown),
		Entry("500 InternalError", "Any/internal-error", mock.InternalError),
		Entry("503 ServiceUnavailable", "Any/service-unavailable", mock.ServiceUnavailable),
	)

	It("TooManyConfigurations at 1,000", func() {
		g, err := fixtures.LoadGolden("PutBucketInventoryConfiguration/too-many-configurations")
		Expect(err).NotTo(HaveOccurred())
		srv, ts := goldenWorld()
		for i := range mock.MaxConfigurationsPerBucket - 1 {
			Expect(srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("c%04d", i)))).To(Succeed())
		}
		expectGolden(g, do(ts, "PUT", "/reports?inventory&id=minimal", g.RequestBody))
	})

	It("TooManyBuckets at the bucket cap", func() {
		g, err := fixtures.LoadGolden("CreateBucket/too-many-buckets")
		Expect(err).NotTo(HaveOccurred())
		_, ts := goldenWorld(mock.WithMaxBuckets(3)) // reports, empty and foreign
		expectGolden(g, do(ts, "PUT", "/newbucket", nil))
	})

	It("BucketAlreadyOwnedByYou outside us-east-1", func() {
		g, err := fixtures.LoadGolden("CreateBucket/bucket-already-owned-by-you")
		Expect(err).NotTo(HaveOccurred())
		srv, ts := goldenWorld()
		Expect(srv.AddBucket("euro", mock.InRegion("eu-west-1"))).To(Succeed())
		body := []byte(`<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`)
		expectGolden(g, do(ts, "PUT", "/euro", body))
	})

	It("MaxMessageLengthExceeded past the body limit", func() {
		g, err := fixtures.LoadGolden("PutBucketInventoryConfiguration/max-message-length-exceeded")
		Expect(err).NotTo(HaveOccurred())
		_, ts := goldenWorld(mock.WithMaxBodyBytes(16))
		expectGolden(g, do(ts, "PUT", "/reports?inventory&id=report1", bytes.Repeat([]byte("x"), 17)))
	})

	It("MissingContentLength for a PUT without a length", func() {
		g, err := fixtures.LoadGolden("PutBucketInventoryConfiguration/missing-content-length")
		Expect(err).NotTo(HaveOccurred())
		_, ts := goldenWorld()
		status, body := rawExchange(ts, g.Method+" "+g.Target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		Expect(status).To(HavePrefix(fmt.Sprintf("HTTP/1.1 %d ", g.Status)))
		Expect(body).To(ContainSubstring("<Code>MissingContentLength</Code>"))
	})

	It("IncompleteBody for a body shorter than its Content-Length", func() {
		g, err := fixtures.LoadGolden("PutBucketInventoryConfiguration/incomplete-body")
		Expect(err).NotTo(HaveOccurred())
		_, ts := goldenWorld()
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		Expect(err).NotTo(HaveOccurred())
		defer conn.Close()
		_, err = io.WriteString(conn, "PUT /reports?inventory&id=report1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
		Expect(err).NotTo(HaveOccurred())
		Expect(conn.(*net.TCPConn).CloseWrite()).To(Succeed())
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		Expect(err).NotTo(HaveOccurred())
		body, err := io.ReadAll(resp.Body)
		Expect(err).NotTo(HaveOccurred())
		expectGolden(g, rawResponse{resp.StatusCode, resp.Header, body})
	})

	It("has a golden for every code in the error table", func() {
		gs, err := fixtures.Goldens()
		Expect(err).NotTo(HaveOccurred())
		covered := map[string]bool{}
		for _, g := range gs {
			if i := bytes.Index(g.Body, []byte("<Code>")); i >= 0 {
				rest := g.Body[i+6:]
				covered[string(rest[:bytes.IndexByte(rest, '<')])] = true
			}
		}
		var missing []string
		for _, code := range mock.ErrorCodes() {
			if !covered[string(code)] {
				missing = append(missing, string(code))
			}
		}
		Expect(missing).To(BeEmpty())
	})
})
