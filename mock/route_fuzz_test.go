package mock

import (
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

// muxAddress is the gorilla/mux router that address replaced, kept as the reference:
// the virtual-host matcher first, then "/", "/{bucket}", "/{bucket}/{key:.*}", on the
// escaped path, uncleaned.
func muxAddress(s *Server, r *http.Request) (bucket, key string, virtual, ok bool) {
	rt := mux.NewRouter().SkipClean(true).UseEncodedPath()
	rt.MatcherFunc(func(r *http.Request, m *mux.RouteMatch) bool {
		b, ok := s.virtualBucket(r.Host)
		if ok {
			m.Vars = map[string]string{"bucket": b}
		}
		return ok
	}).Name("virtual")
	rt.Path("/").Name("service")
	rt.Path("/{bucket}").Name("bucket")
	rt.Path("/{bucket}/{key:.*}").Name("object")
	var m mux.RouteMatch
	if !rt.Match(r, &m) {
		return "", "", false, false
	}
	switch m.Route.GetName() {
	case "virtual":
		return m.Vars["bucket"], strings.TrimPrefix(r.URL.EscapedPath(), "/"), true, true
	case "bucket", "object":
		return m.Vars["bucket"], m.Vars["key"], false, true
	}
	return "", "", false, true
}

// referenceVirtualBucket is the split-and-join virtualBucket that bucketOf replaced.
func referenceVirtualBucket(s *Server, host string) (string, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
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

// FuzzAddress holds address (and virtualBucket) to the mux routes and the label split
// they replaced: same bucket, key, addressing style and match for any path and Host.
func FuzzAddress(f *testing.F) {
	for _, seed := range [][2]string{
		{"/reports", ""}, {"/", ""}, {"", ""}, {"//x", ""}, {"/b/", ""}, {"/b/k/ey", ""},
		{"/b%2Fc/k%20", ""}, {"/", "reports.s3.amazonaws.com"}, {"/key", "Reports.S3.EU-West-1.amazonaws.com:443"},
		{"/", ".localhost"}, {"/", "a..b.localhost"}, {"/", "[::1]:80"}, {"/", "x.localhost:1:2"},
		{"/", "b.localhost:"}, {"/", "b.localhost]:80"}, {"/x", "b.s3..amazonaws.com"}, {"/", "localhost"},
	} {
		f.Add(seed[0], seed[1])
	}
	s := New(WithHosts(append([]string{"s3.localhost.localstack.cloud"}, DefaultHosts...)...))
	f.Fuzz(func(t *testing.T, path, host string) {
		u, err := url.Parse(path)
		if err != nil {
			return
		}
		r := &http.Request{Method: "GET", URL: u, Host: host, Header: http.Header{}}
		b1, k1, v1, ok1 := s.address(r)
		b2, k2, v2, ok2 := muxAddress(s, r)
		if b1 != b2 || k1 != k2 || v1 != v2 || ok1 != ok2 {
			t.Fatalf("path %q host %q: address (%q, %q, %v, %v), mux (%q, %q, %v, %v)",
				path, host, b1, k1, v1, ok1, b2, k2, v2, ok2)
		}
		vb1, vok1 := s.virtualBucket(host)
		vb2, vok2 := referenceVirtualBucket(s, host)
		if vb1 != vb2 || vok1 != vok2 {
			t.Fatalf("host %q: (%q, %v), reference (%q, %v)", host, vb1, vok1, vb2, vok2)
		}
	})
}

// FuzzParseQuery holds parseQuery to url.URL.Query for any raw query.
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{"", "inventory", "inventory=&id=a", "id=a&id=b&inventory", "&&=&a==b&",
		"a;b", "%zz", "a+b=c%20d", "continuation-token=%2F%2B%3D", strings.Repeat("a&", 20)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u := &url.URL{RawQuery: raw}
		if got, want := parseQuery(u), u.Query(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %v, url.Query %v", raw, got, want)
		}
	})
}
