package mock_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// FuzzDecodePutBucketInventoryConfiguration: any body gives a document or an S3 error,
// never a panic; a document that is accepted renders to bytes that parse back to the
// same bytes.
func FuzzDecodePutBucketInventoryConfiguration(f *testing.F) {
	for _, seed := range []string{specGetBody, goSDKBody, botoBody, jsBody, prettyBody,
		string(minimalDocument("report1")), "", "<", "<InventoryConfiguration/>",
		`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><InventoryConfiguration>&e;</InventoryConfiguration>`} {
		f.Add([]byte(seed), "report1")
	}
	// Every request body of the fixtures, as the real clients send them and as S3 refuses them.
	for _, client := range append(fixtures.Clients(), "invalid") {
		names, err := fixtures.RequestNames(client)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			body, err := fixtures.RequestBody(client, name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(body, "report1")
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, id string) {
		cfg, e := inventory.Decode(body, id)
		if e != nil {
			if !slices.Contains([]mock.ErrorCode{mock.MalformedXML, mock.IdMismatch, mock.InvalidS3DestinationBucket}, e.Code) {
				t.Fatalf("unexpected code %s", e.Code)
			}
			return
		}
		doc := cfg.Document()
		again, e := inventory.Decode(doc, id)
		if e != nil {
			t.Fatalf("rendered document refused (%s): %s", e.Code, doc)
		}
		if !bytes.Equal(again.Document(), doc) {
			t.Fatalf("render is not stable:\n%s\n%s", doc, again.Document())
		}
	})
}

// FuzzServeHTTP: any method, path, query, Host and body gets an S3 answer, never a
// panic or a 500, and a refused request changes nothing.
func FuzzServeHTTP(f *testing.F) {
	f.Add("GET", "/reports", "inventory&id=report1", "localhost", []byte(nil))
	f.Add("PUT", "/reports", "id=report1&inventory=", "", minimalDocument("report1"))
	f.Add("PUT", "/reports/", "id=new&inventory=", "", minimalDocument("new"))
	f.Add("DELETE", "/", "inventory&id=report1", "reports.s3.amazonaws.com", []byte(nil))
	f.Add("GET", "/reports", "inventory&continuation-token=%2F%2B%3D", "", []byte(nil))
	f.Add("HEAD", "/reports", "inventory&acl", "", []byte(nil))
	f.Add("PUT", "/new-bucket", "", "", []byte(`<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`))
	f.Add("DELETE", "/reports", "", "", []byte(nil))
	f.Add("GET", "//%zz/..", "%%%&&==;", "a..b.localhost:99999", []byte{0xff})
	f.Fuzz(func(t *testing.T, method, path, query, host string, body []byte) {
		if !validMethod(method) || !strings.HasPrefix(path, "/") {
			return // net/http never hands such requests to a handler
		}
		srv := mock.New()
		if err := srv.AddBucket("reports"); err != nil {
			t.Fatal(err)
		}
		if err := srv.PutConfigurationXML("reports", minimalDocument("report1")); err != nil {
			t.Fatal(err)
		}
		before := stateOf(srv)
		req := &http.Request{Method: method, URL: &url.URL{Path: path, RawQuery: query}, Host: host,
			Header: http.Header{}, Body: http.NoBody, ContentLength: int64(len(body))}
		if u, err := url.Parse(path); err == nil {
			req.URL.Path, req.URL.RawPath = u.Path, u.RawPath
		}
		req.Body = httpBody(body)
		req.Header.Set("Content-Length", "0")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != 501 {
			t.Fatalf("%s %s?%s answered %d: %s", method, path, query, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && stateOf(srv) != before {
			t.Fatalf("a refused request (%d) changed the state", rec.Code)
		}
	})
}

func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, r := range m {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune(`()<>@,;:\"/[]?={}`, r) {
			return false
		}
	}
	return true
}

func httpBody(b []byte) *bodyReader { return &bodyReader{bytes.NewReader(b)} }

type bodyReader struct{ *bytes.Reader }

func (bodyReader) Close() error { return nil }

// stateOf summarises a server's buckets and documents.
func stateOf(srv *mock.Server) string {
	var sb strings.Builder
	for _, b := range srv.Buckets() {
		sb.WriteString(b.Name + "|" + b.Region + "\n")
		cs, _ := srv.Configurations(b.Name)
		for _, c := range cs {
			sb.Write(c.Document())
		}
	}
	return sb.String()
}
