package mock

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// referenceVirtualBucket is the split-and-join virtualBucket that bucketOf replaced.
func referenceVirtualBucket(s *Server, host string) (string, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	labels := strings.Split(host, ".")
	for _, p := range s.hosts {
		if len(labels) <= len(p) {
			continue
		}
		tail := labels[len(labels)-len(p):]
		match := true
		for i, want := range p {
			if want != "{region}" && want != tail[i] || tail[i] == "" {
				match = false
				break
			}
		}
		if match {
			return strings.Join(labels[:len(labels)-len(p)], "."), true
		}
	}
	return "", false
}

// FuzzAddress holds the router to the shapes it promises for any path and Host: a
// path-style bucket and key put back together give the escaped path again, a virtual
// host gives the whole path as the key, and virtualBucket agrees with the plain
// split-and-join of DNS labels.
func FuzzAddress(f *testing.F) {
	for _, seed := range [][2]string{
		{"/reports", ""}, {"/", ""}, {"", ""}, {"//x", ""}, {"/b/", ""}, {"/b/k/ey", ""},
		{"/b%2Fc/k%20", ""}, {"/", "reports.s3.amazonaws.com"}, {"/key", "Reports.S3.EU-West-1.amazonaws.com:443"},
		{"/", ".localhost"}, {"/", "a..b.localhost"}, {"/", "[::1]:80"}, {"/", "x.localhost:1:2"},
		{"/", "b.localhost:"}, {"/", "b.localhost]:80"}, {"/x", "b.s3..amazonaws.com"}, {"/", "localhost"},
		{"/", "b.s3.amazonaws.com."},
	} {
		f.Add(seed[0], seed[1])
	}
	s := New(WithHosts(append([]string{"s3.localhost.localstack.cloud"}, DefaultHosts()...)...))
	f.Fuzz(func(t *testing.T, path, host string) {
		u, err := url.Parse(path)
		if err != nil {
			return
		}
		r := &http.Request{Method: "GET", URL: u, Host: host, Header: http.Header{}}
		var m mux.RouteMatch
		bucket, key, virtual, ok := s.address(r, &m)
		escaped := u.EscapedPath()
		switch {
		case !ok:
			if escaped == "/" || virtual {
				t.Fatalf("path %q host %q: no route", path, host)
			}
		case virtual:
			if key != strings.TrimPrefix(escaped, "/") {
				t.Fatalf("path %q host %q: key %q", path, host, key)
			}
		case bucket == "":
			if escaped != "/" {
				t.Fatalf("path %q: service route for another path", path)
			}
		default:
			whole := "/" + bucket
			if key != "" || strings.HasSuffix(escaped, "/") {
				whole += "/" + key
			}
			if whole != escaped || strings.Contains(bucket, "/") {
				t.Fatalf("path %q: bucket %q key %q", path, bucket, key)
			}
		}
		vb1, vok1 := s.virtualBucket(host)
		vb2, vok2 := referenceVirtualBucket(s, host)
		if vb1 != vb2 || vok1 != vok2 {
			t.Fatalf("host %q: (%q, %v), reference (%q, %v)", host, vb1, vok1, vb2, vok2)
		}
	})
}
