package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/object"
)

// discardWriter is the cheapest http.ResponseWriter: one header map reused, the body
// dropped. It leaves ServeHTTP's own cost in a benchmark's numbers.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func newDiscardWriter() *discardWriter { return &discardWriter{h: make(http.Header, 8)} }

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) WriteHeader(s int)   { w.status = s }
func (w *discardWriter) Write(b []byte) (int, error) {
	w.n += len(b)
	return len(b), nil
}

// reset readies the writer for the next request without allocating.
func (w *discardWriter) reset() {
	clear(w.h)
	w.status, w.n = 0, 0
}

// benchServer is a fake with one bucket holding n configurations cfg-0000...
func benchServer(b *testing.B, n int, opts ...mock.Option) *mock.Server {
	b.Helper()
	srv := mock.New(opts...)
	if err := srv.AddBucket("reports"); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if err := srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("cfg-%04d", i))); err != nil {
			b.Fatal(err)
		}
	}
	return srv
}

// BenchmarkServeHTTP is the handler's own cost per operation, without sockets.
func BenchmarkServeHTTP(b *testing.B) {
	cases := []struct {
		name, method, target string
		body                 []byte
		want                 int
	}{
		{"Get", "GET", "/reports?inventory&id=cfg-0007", nil, 200},
		{"GetSDK", "GET", "/reports?id=cfg-0007&inventory=&x-id=GetBucketInventoryConfiguration", nil, 200},
		{"List100", "GET", "/reports?inventory", nil, 200},
		{"Put", "PUT", "/reports?inventory&id=cfg-0007", minimalDocument("cfg-0007"), 204},
		{"HeadBucket", "HEAD", "/reports", nil, 200},
		{"GetObject64KiB", "GET", "/reports/inv/data/part-00000.csv.gz", nil, 200},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			srv := benchServer(b, 250)
			if err := srv.PutObjectVersions("reports", object.Version{Key: "inv/data/part-00000.csv.gz", IsLatest: true, Size: 64 << 10}); err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest(bc.method, bc.target, nil)
			w := newDiscardWriter()
			body := &rewindBody{}
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				if bc.body != nil {
					body.Reset(bc.body)
					req.Body, req.ContentLength = body, int64(len(bc.body))
					req.Header.Set("Content-Length", fmt.Sprint(len(bc.body)))
				}
				srv.ServeHTTP(w, req)
				if w.status != bc.want {
					b.Fatalf("status %d", w.status)
				}
			}
		})
	}
}

// rewindBody is a request body that can be read again.
type rewindBody struct{ strings.Reader }

func (r *rewindBody) Reset(b []byte) { r.Reader.Reset(string(b)) }
func (r *rewindBody) Close() error   { return nil }

var _ io.ReadCloser = (*rewindBody)(nil)

// BenchmarkGetOverLoopback is Get through a real socket with a keep-alive client:
// net/http's cost included, for comparison with BenchmarkServeHTTP.
func BenchmarkGetOverLoopback(b *testing.B) {
	srv := benchServer(b, 10)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := ts.Client()
	url := ts.URL + "/reports?inventory&id=cfg-0007"
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkNewFirstRequest is mock.New plus httptest.NewServer plus the first answered
// request (target: under 1 ms).
func BenchmarkNewFirstRequest(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		srv := mock.New()
		ts := httptest.NewServer(srv)
		resp, err := ts.Client().Get(ts.URL + "/")
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		ts.Close()
	}
}
