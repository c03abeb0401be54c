package identity_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// BenchmarkVerify measures what verify mode adds to one signed Put, socket excluded.
func BenchmarkVerify(b *testing.B) {
	dir, err := identity.NewDirectory([]identity.Account{{ID: "111122223333", Keys: []identity.Key{
		{AccessKeyID: owner.AccessKeyID, SecretAccessKey: owner.SecretAccessKey},
	}}})
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(inventoryBody)
	r := httptest.NewRequest(http.MethodPut, "/b?id=report1&inventory=", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/xml")
	r.Header.Set("X-Amz-Content-Sha256", sha256Hex(body))
	if err := s3Signer(nil).SignHTTP(context.Background(), owner, r, sha256Hex(body), "s3", "us-east-1", now); err != nil {
		b.Fatal(err)
	}
	if f := identity.Verify(r, body, dir.Secret, now); f != nil {
		b.Fatalf("the benchmark's request does not verify: %+v", f)
	}
	b.ReportAllocs()
	for b.Loop() {
		identity.Verify(r, body, dir.Secret, now)
	}
}
