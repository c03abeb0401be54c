package mock

import (
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// This file owns who is calling and what they may do, in the order S3 decides it:
// resolving the caller (resolveCaller), authentication in verify mode (authenticate),
// authorization of the operation's IAM action (checkPermission), and ownership of the
// bucket (lookupBucket, checkAccess). Each step reads the Call routing produced.

// SetAuth switches signature checking: identity.ModeOff (the default) or
// identity.ModeVerify.
func (s *Server) SetAuth(mode identity.Mode) { s.auth.Store(&mode) }

// Auth returns the current signature mode.
func (s *Server) Auth() identity.Mode { return *s.auth.Load() }

// SetDirectory replaces the accounts and keys the server knows (nil: none).
func (s *Server) SetDirectory(d *identity.Directory) { s.store.setDirectory(d) }

// Directory returns the accounts and keys the server knows; nil when none.
func (s *Server) Directory() *identity.Directory { return s.store.directory.Load() }

// resolveCaller fills the call's access key and account. A key the directory knows
// selects its account and its permissions, in both modes; any other caller is
// DefaultAccount with every permission (auth off) or is refused by verification.
func (s *Server) resolveCaller(r *http.Request, c *Call) {
	c.AccessKey = identity.AccessKeyOf(r, c.Query)
	c.Account = DefaultAccount
	if c.AccessKey == "" {
		return
	}
	if account, key, ok := s.store.directory.Load().Lookup(c.AccessKey); ok {
		c.Account, c.key = account, &key
	}
}

// authenticate verifies the request's signature when the server is in verify mode.
// Who signed and when come before anything about the body (as identity.Verify orders
// its own checks): the headers are verified first, without the body; only a request
// whose signature holds has its body read and checked (size, payload hash or
// aws-chunked frame and chunk signatures, Content-MD5). The payload it keeps for the
// operation is the decoded one: an aws-chunked body's chunks, concatenated.
func (s *Server) authenticate(r *http.Request, c *Call) *Error {
	if *s.auth.Load() != identity.ModeVerify {
		return nil
	}
	secretFor, now := s.store.directory.Load().Secret, s.cfg.clock()
	if f := identity.VerifySignature(r, c.Query, secretFor, now); f != nil {
		return fromFailure(f)
	}
	raw, e := s.readRaw(r)
	if e != nil {
		return e
	}
	// Content-MD5 is checked before the payload hash, as before; on an aws-chunked
	// body it can only be checked once the chunks are decoded.
	chunked := strings.HasPrefix(identity.FirstValue(r.Header, "X-Amz-Content-Sha256"), "STREAMING-")
	if !chunked {
		if e := checkDigests(r.Header, raw); e != nil {
			return e
		}
	}
	payload, f := identity.VerifyPayload(r, c.Query, raw, secretFor, now)
	if f != nil {
		return fromFailure(f)
	}
	if chunked {
		if e := checkDigests(r.Header, payload); e != nil {
			return e
		}
	}
	c.body = payload
	return nil
}

// fromFailure renders an identity refusal through the error table.
func fromFailure(f *identity.Failure) *Error {
	extra := make([]Member, len(f.Extra))
	for i, m := range f.Extra {
		extra[i] = Member{Name: m.Name, Value: m.Value}
	}
	e := NewError(ErrorCode(f.Code), extra...)
	if f.Message != "" {
		e.Message = f.Message
	}
	return e
}

// checkPermission refuses a known key that lacks the operation's IAM action.
func (s *Server) checkPermission(c *Call) *Error {
	if c.key != nil && !c.key.Allows(requiredActionOf(c)) {
		return NewError(AccessDenied)
	}
	return nil
}

// The IAM actions each operation needs (fixtures/FACTS.md section 1; CreateBucket and the rest from
// the IAM reference).
const (
	ActionPutInventoryConfiguration = "s3:PutInventoryConfiguration"
	ActionGetInventoryConfiguration = "s3:GetInventoryConfiguration"
	ActionCreateBucket              = "s3:CreateBucket"
	ActionDeleteBucket              = "s3:DeleteBucket"
	ActionListAllMyBuckets          = "s3:ListAllMyBuckets"
	ActionListBucket                = "s3:ListBucket" // HeadBucket, ListObjects, ListObjectsV2
	ActionGetObject                 = "s3:GetObject"
	ActionGetObjectVersion          = "s3:GetObjectVersion" // GetObject and HeadObject with versionId
)

// RequiredAction is the IAM action an operation needs.
func RequiredAction(op Operation) string {
	switch op {
	case PutBucketInventoryConfiguration, DeleteBucketInventoryConfiguration:
		return ActionPutInventoryConfiguration
	case GetBucketInventoryConfiguration, ListBucketInventoryConfigurations:
		return ActionGetInventoryConfiguration
	case CreateBucket:
		return ActionCreateBucket
	case DeleteBucket:
		return ActionDeleteBucket
	case ListBuckets:
		return ActionListAllMyBuckets
	case HeadBucket, ListObjects, ListObjectsV2:
		return ActionListBucket
	case GetObject, HeadObject:
		return ActionGetObject
	}
	return ""
}

// requiredActionOf is the action a call needs: RequiredAction, except that a read
// naming a version needs s3:GetObjectVersion (documented).
func requiredActionOf(c *Call) string {
	if (c.Operation == GetObject || c.Operation == HeadObject) && c.Query.Has("versionId") {
		return ActionGetObjectVersion
	}
	return RequiredAction(c.Operation)
}

// lookupBucket finds the call's bucket and checks that the caller may act on it, in
// S3's order: NoSuchBucket, then AccessDenied (owner, expected owner, permission). The
// body comes after, as its own step (Server.body).
func (s *Server) lookupBucket(c *Call) (Bucket, *Error) {
	b, ok := s.store.bucket(c.Bucket)
	if !ok {
		return Bucket{}, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket})
	}
	if e := s.checkAccess(c, b); e != nil {
		return Bucket{}, e
	}
	return b, nil
}

// checkAccess refuses a caller that is not the bucket's owner, a request whose
// x-amz-expected-bucket-owner names another account, and a key without the action.
func (s *Server) checkAccess(c *Call, b Bucket) *Error {
	if c.Account != b.Owner {
		return NewError(AccessDenied)
	}
	if want, ok := c.Header["X-Amz-Expected-Bucket-Owner"]; ok && want[0] != b.Owner {
		return NewError(AccessDenied)
	}
	return s.checkPermission(c)
}
