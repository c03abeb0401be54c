package identity_test

import (
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// A request's account is the account of its access key; with auth off, an unknown or
// missing key falls back to the default account.
func Example() {
	dir, err := identity.NewDirectory([]identity.Account{{
		ID: "111122223333",
		Keys: []identity.Key{{
			AccessKeyID: "AKIAREADER000000001", SecretAccessKey: "reader-secret",
			Actions: []string{"s3:GetInventoryConfiguration"},
		}},
	}})
	if err != nil {
		panic(err)
	}

	r := httptest.NewRequest("GET", "/b?inventory&id=report1", nil)
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAREADER000000001/20261125/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00")
	account, key, ok := dir.Lookup(identity.AccessKeyOf(r, identity.ParseQuery(r.URL.RawQuery)))
	if !ok {
		account = identity.DefaultAccount
	}
	fmt.Println(account, key.Allows("s3:GetInventoryConfiguration"), key.Allows("s3:PutInventoryConfiguration"))

	// In verify mode the same request is refused: this signature is not the key's.
	r.Header.Set("X-Amz-Date", "20261125T120000Z")
	r.Header.Set("X-Amz-Content-Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if f := identity.Verify(r, nil, dir.Secret, now); f != nil {
		fmt.Println(f.Code)
	}
	// Output:
	// 111122223333 true false
	// SignatureDoesNotMatch
}
