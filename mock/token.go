package mock

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"io"
	"sync"
)

// DefaultTokenKey signs continuation tokens unless WithTokenKey says otherwise.
// C: S3's tokens are opaque and unrecorded in form; ours encode the last Id returned
// (so a token survives configurations added or deleted between pages) and carry an
// HMAC so that a forged, truncated or other bucket's token is refused. The key is
// fixed by default so that a restarted or replayed fake answers the same bytes.
const DefaultTokenKey = "s3invmock continuation-token key v1"

const (
	tokenVersion = 1
	tokenMACSize = 16
)

// tokens issues and checks continuation tokens for one server. Keyed HMACs are
// pooled: keying one costs two SHA-256 blocks and half a dozen allocations, a Reset
// costs nothing.
type tokens struct {
	key  []byte
	macs *sync.Pool
}

func newTokens(key []byte) tokens {
	return tokens{key: key, macs: &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

func (t tokens) mac(bucket, after string) []byte {
	m := t.macs.Get().(hash.Hash)
	m.Reset()
	_, _ = io.WriteString(m, bucket)
	_, _ = m.Write([]byte{0})
	_, _ = io.WriteString(m, after)
	var sum [sha256.Size]byte
	out := m.Sum(sum[:0])[:tokenMACSize]
	t.macs.Put(m)
	return out
}

// issue returns the token that resumes bucket's listing after the Id `after`
// ("" resumes at the start). Standard base64, as S3's tokens are: clients
// percent-encode its +, / and = in the next request.
func (t tokens) issue(bucket, after string) string {
	raw := make([]byte, 0, 1+tokenMACSize+len(after))
	raw = append(raw, tokenVersion)
	raw = append(raw, t.mac(bucket, after)...)
	raw = append(raw, after...)
	return base64.StdEncoding.EncodeToString(raw)
}

// check returns the Id a token resumes after, or false for a token this server did not
// issue for this bucket.
func (t tokens) check(bucket, token string) (after string, ok bool) {
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil || len(raw) < 1+tokenMACSize || raw[0] != tokenVersion {
		return "", false
	}
	after = string(raw[1+tokenMACSize:])
	if !hmac.Equal(raw[1:1+tokenMACSize], t.mac(bucket, after)) {
		return "", false
	}
	return after, true
}
