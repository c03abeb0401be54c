package identity_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// FuzzVerify feeds Verify arbitrary Authorization headers and query strings. The
// property: it never panics, and it answers nil or a Failure whose Code is one of
// Codes() with a status set. The seed corpus runs in every plain `go test`.
func FuzzVerify(f *testing.F) {
	const scope = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"
	seeds := []struct{ authorization, query string }{
		{"AWS4-HMAC-SHA256 Credential=" + scope + ",SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543", "lifecycle"},
		{"AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host, Signature=00", "inventory&id=report1"},
		{"", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bb"},
		{"", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%2F%2F%2F%2F&X-Amz-Date=&X-Amz-Expires=-1&X-Amz-SignedHeaders=&X-Amz-Signature="},
		{"", "X-Amz-Signature"},
		{"", "AWSAccessKeyId=x&Signature=y&Expires=z"},
		{"", "%zz=%&&=&inventory=%E2%9C"},
		{"AWS4-HMAC-SHA256", ""},
		{"AWS4-HMAC-SHA256 ", "inventory="},
		{"AWS4-HMAC-SHA256 Credential=,SignedHeaders=,Signature=", ""},
		{"AWS4-HMAC-SHA256 Credential=////,SignedHeaders=;;,Signature=", ""},
		{"AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f,Signature", ""},
		{"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=Host;X-AMZ-DATE;content-length;transfer-encoding,Signature=zz", "a=1&a=0&A=2"},
		{"AWS AKIAIOSFODNN7EXAMPLE:sig", "inventory"},
		{"AWS", ""},
		{"Bearer x", "X-Amz-Credential=a"},
		{",,,", ""},
		{"\x00\xff", "\x00\xff"},
	}
	for _, s := range seeds {
		f.Add(s.authorization, s.query)
	}
	clock := time.Date(2013, 5, 24, 0, 5, 0, 0, time.UTC)
	secretFor := func(key string) (string, bool) {
		return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", key == "AKIAIOSFODNN7EXAMPLE"
	}
	codes := identity.Codes()
	f.Fuzz(func(t *testing.T, authorization, query string) {
		r := &http.Request{
			Method:     http.MethodGet,
			URL:        &url.URL{Path: "/", RawQuery: query},
			RequestURI: "/?" + query,
			Host:       "examplebucket.s3.amazonaws.com",
			Header: http.Header{
				"X-Amz-Date":           {"20130524T000000Z"},
				"X-Amz-Content-Sha256": {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
			},
		}
		if authorization != "" {
			r.Header.Set("Authorization", authorization)
		}
		_ = identity.AccessKeyOf(r, identity.ParseQuery(r.URL.RawQuery))
		failure := identity.Verify(r, nil, secretFor, clock)
		if failure == nil {
			return
		}
		if !slices.Contains(codes, failure.Code) || !mock.Known(mock.ErrorCode(failure.Code)) {
			t.Fatalf("Verify(%q, %q) = %+v: code not in Codes() or no status", authorization, query, failure)
		}
	})
}

// FuzzParseQuery holds ParseQuery to url.ParseQuery wherever the latter accepts the
// query: the first value of every key agrees.
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{"", "inventory", "inventory=&id=a", "id=a&id=b&inventory", "&&=&a==b&",
		"a;b", "%zz", "a+b=c%20d", "continuation-token=%2F%2B%3D"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		want, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q := identity.ParseQuery(raw)
		for k := range want {
			if got, ok := q.Get(k); !ok || got != want.Get(k) {
				t.Fatalf("%q: %q = %q (%v), url.ParseQuery %q", raw, k, got, ok, want.Get(k))
			}
		}
		if len(q) < len(want) {
			t.Fatalf("%q: %d parameters, url.ParseQuery %d keys", raw, len(q), len(want))
		}
	})
}
