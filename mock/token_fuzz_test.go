package mock_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/s3invmock/s3invmock/mock"
)

var (
	listedID  = regexp.MustCompile(`<InventoryConfiguration><Id>([^<]*)</Id>`)
	nextToken = regexp.MustCompile(`<NextContinuationToken>([^<]*)</NextContinuationToken>`)
)

// tokenServer is a fake with 250 configurations in "reports" and 3 in "other".
func tokenServer(tb testing.TB) *mock.Server {
	srv := mock.New()
	for _, b := range []struct {
		name string
		n    int
	}{{"reports", 250}, {"other", 3}} {
		if err := srv.AddBucket(b.name); err != nil {
			tb.Fatal(err)
		}
		for i := range b.n {
			if err := srv.PutConfigurationXML(b.name, minimalDocument(fmt.Sprintf("id-%03d", i))); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return srv
}

func listWith(srv *mock.Server, bucket, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "/"+bucket+"?inventory&continuation-token="+url.QueryEscape(token), nil)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec
}

// FuzzListContinuationToken: any continuation-token gets either a well-formed page
// (Ids ascending, at most 100, a next token exactly when truncated) or 400
// MalformedContinuationToken, never anything else; and listing changes nothing (the
// first pages stay the same bytes).
// The seeds are tokens the fake issued, for this bucket and another, and their damage.
func FuzzListContinuationToken(f *testing.F) {
	srv := tokenServer(f)
	first := nextToken.FindStringSubmatch(listWith(srv, "reports", "").Body.String())[1]
	second := nextToken.FindStringSubmatch(listWith(srv, "reports", first).Body.String())[1]
	for _, seed := range []string{"", first, second, first[:len(first)-2], strings.ToLower(first),
		"AQ==", "not base64!", strings.Repeat("A", 200), first + first} {
		f.Add("reports", seed)
	}
	f.Add("other", first)
	before := firstPages(srv)
	f.Fuzz(func(t *testing.T, bucket, token string) {
		if bucket != "reports" && bucket != "other" {
			bucket = "reports"
		}
		rec := listWith(srv, bucket, token)
		body := rec.Body.String()
		switch rec.Code {
		case http.StatusOK:
			ids := listedID.FindAllStringSubmatch(body, -1)
			if len(ids) > mock.ListPageSize {
				t.Fatalf("%d items in a page", len(ids))
			}
			for i := 1; i < len(ids); i++ {
				if ids[i-1][1] >= ids[i][1] {
					t.Fatalf("Ids out of order: %s then %s", ids[i-1][1], ids[i][1])
				}
			}
			truncated := strings.Contains(body, "<IsTruncated>true</IsTruncated>")
			if truncated != nextToken.MatchString(body) {
				t.Fatalf("IsTruncated and NextContinuationToken disagree: %s", body)
			}
		case http.StatusBadRequest:
			if !strings.HasPrefix(body, "<Error><Code>MalformedContinuationToken</Code>") {
				t.Fatalf("400 but not MalformedContinuationToken: %s", body)
			}
		default:
			t.Fatalf("token %q answered %d: %s", token, rec.Code, body)
		}
		if firstPages(srv) != before {
			t.Fatal("a List changed the state")
		}
	})
}

// firstPages is a cheap fingerprint of the state: the first List page of each bucket.
func firstPages(srv *mock.Server) string {
	return listWith(srv, "reports", "").Body.String() + listWith(srv, "other", "").Body.String()
}
