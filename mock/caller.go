package mock

import (
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// SetAuth switches signature checking: identity.ModeOff (the default) or
// identity.ModeVerify.
func (s *Server) SetAuth(mode identity.Mode) { s.auth.Store(&mode) }

// Auth returns the current signature mode.
func (s *Server) Auth() identity.Mode { return *s.auth.Load() }

// SetDirectory replaces the accounts and keys the server knows (nil: none).
func (s *Server) SetDirectory(d *identity.Directory) { s.directory.Store(d) }

// Directory returns the accounts and keys the server knows; nil when none.
func (s *Server) Directory() *identity.Directory { return s.directory.Load() }

// loadAccounts makes a loaded state's accounts the directory, replacing any set with
// WithDirectory or SetDirectory; no accounts leaves an empty directory.
func (s *Server) loadAccounts(accounts []identity.Account) {
	dir, err := identity.NewDirectory(accounts)
	if err != nil {
		return // unreachable: LoadState refuses every state NewDirectory refuses
	}
	s.SetDirectory(dir)
}

// resolveCaller fills the call's access key and account. A key the directory knows
// selects its account and its permissions, in both modes; any other caller is
// DefaultAccount with every permission (auth off) or is refused by verification.
func (s *Server) resolveCaller(r *http.Request, c *Call) {
	c.AccessKey = accessKeyOf(r)
	c.Account = DefaultAccount
	if c.AccessKey == "" {
		return
	}
	if account, key, ok := s.directory.Load().Lookup(c.AccessKey); ok {
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
	secretFor, now := s.directory.Load().Secret, s.cfg.clock()
	if f := identity.VerifySignature(r, secretFor, now); f != nil {
		return fromFailure(f)
	}
	raw, e := s.readRaw(r)
	if e != nil {
		return e
	}
	// Content-MD5 is checked before the payload hash, as before; on an aws-chunked
	// body it can only be checked once the chunks are decoded.
	chunked := strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-")
	if !chunked {
		if e := checkDigests(r.Header, raw); e != nil {
			return e
		}
	}
	payload, f := identity.VerifyPayload(r, raw, secretFor, now)
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
	if !Known(e.Code) && f.Status != 0 {
		e.Status = f.Status
	}
	return e
}

// checkPermission refuses a known key that lacks the operation's IAM action.
func (s *Server) checkPermission(c *Call) *Error {
	if c.key != nil && !c.key.Allows(RequiredAction(c.Operation)) {
		return NewError(AccessDenied)
	}
	return nil
}

// accessKeyOf is identity.AccessKeyOf without its query parse for the common unsigned
// request: with no Authorization header and a query that needs no unescaping and names
// neither X-Amz-Credential nor AWSAccessKeyId, there is no access key to find.
func accessKeyOf(r *http.Request) string {
	if _, signed := r.Header["Authorization"]; signed || r.URL == nil {
		return identity.AccessKeyOf(r)
	}
	q := r.URL.RawQuery
	if strings.ContainsAny(q, "%+") || strings.Contains(q, "X-Amz-Credential") || strings.Contains(q, "AWSAccessKeyId") {
		return identity.AccessKeyOf(r)
	}
	return ""
}
