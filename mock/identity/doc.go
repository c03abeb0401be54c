// Package identity gives the fake S3 its notion of who is calling: accounts, access
// keys, the IAM actions a key may perform, and AWS Signature Version 4 verification.
//
// Everything here is a pure function of its inputs: no HTTP server, no clock, no
// package-level mutable state, and no dependency on package mock, so that mock can
// import it. A Directory is built once from the configured accounts and then only read.
//
// Quick start:
//
//	dir, err := identity.NewDirectory([]identity.Account{{
//		ID:   "111122223333",
//		Keys: []identity.Key{{AccessKeyID: "AKIAOWNER", SecretAccessKey: "owner-secret"}},
//	}})
//	...
//	// in verify mode, before the operation runs:
//	if f := identity.Verify(r, body, dir.Secret, now); f != nil {
//		// write f as an S3 error: f.Code, f.Message (or the table's), f.Extra; the status is the table's
//	}
//	account, key, ok := dir.Lookup(identity.AccessKeyOf(r, identity.ParseQuery(r.URL.RawQuery)))
//	if !ok {
//		account = identity.DefaultAccount // auth off: unknown callers share one account
//	}
//	if !key.Allows("s3:GetInventoryConfiguration") { ... }
//
// Verify follows the published SigV4 algorithm the way Amazon S3 applies it: the
// canonical URI is the path as sent (no second encoding, no dot-segment or double-slash
// normalisation), query keys and values are decoded then re-encoded with the AWS rules,
// and the payload hash is the x-amz-content-sha256 value the client signed. Every
// refusal is a *Failure carrying the S3 error code and the extra <Error> members S3
// writes, so that a user can diff StringToSign and CanonicalRequest against their
// client's own.
package identity
