package mock_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// benchGetSigned replays one Get, signed once by aws-sdk-go-v2's v4 signer with the
// owner's key, against a fake over loopback in the given mode: what verify mode costs
// a client that signs every request, socket and HTTP included.
func benchGetSigned(b *testing.B, mode identity.Mode) {
	dir, err := identity.NewDirectory(identityAccounts())
	if err != nil {
		b.Fatal(err)
	}
	srv := mock.New(mock.WithAuth(mode), mock.WithDirectory(dir),
		mock.WithClock(func() time.Time { return fixedNow }), mock.WithJournalCapacity(64))
	if err := srv.AddBucket("reports", mock.OwnedBy(ownerAccount)); err != nil {
		b.Fatal(err)
	}
	if err := srv.PutConfigurationXML("reports", minimalDocument("report1")); err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	req, err := http.NewRequest(http.MethodGet, ts.URL+"/reports?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
	if err != nil {
		b.Fatal(err)
	}
	const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	creds := aws.Credentials{AccessKeyID: ownerKey.AccessKeyID, SecretAccessKey: ownerKey.SecretAccessKey}
	if err := signer.SignHTTP(context.Background(), creds, req, emptySHA256, "s3", "us-east-1", fixedNow); err != nil {
		b.Fatal(err)
	}
	client := ts.Client()
	get := func() int {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	if status := get(); status != http.StatusOK {
		b.Fatalf("the benchmark's request answers %d, want 200", status)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if status := get(); status != http.StatusOK {
			b.Fatalf("status %d", status)
		}
	}
}

// BenchmarkGetBucketInventoryConfigurationOff is a signed Get with auth off: the key
// selects the account, the signature is not checked.
func BenchmarkGetBucketInventoryConfigurationOff(b *testing.B) {
	benchGetSigned(b, identity.ModeOff)
}

// BenchmarkGetBucketInventoryConfigurationVerify is the same Get with auth verify.
func BenchmarkGetBucketInventoryConfigurationVerify(b *testing.B) {
	benchGetSigned(b, identity.ModeVerify)
}
