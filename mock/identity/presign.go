package identity

import (
	"net/http"
	"strconv"
	"time"
)

// MaxPresignExpiry is the longest X-Amz-Expires S3 accepts (D: seven days).
const MaxPresignExpiry = 7 * 24 * time.Hour

// verifyPresigned checks a request signed in its query string (a presigned URL).
// The payload hash is UNSIGNED-PAYLOAD unless the query carries X-Amz-Content-Sha256,
// and X-Amz-Signature is left out of the canonical query.
func verifyPresigned(r *http.Request, params Query, p payload, secretFor func(string) (string, bool), now time.Time) ([]byte, *Failure) {
	algorithm, okAlgorithm := params.Get("X-Amz-Algorithm")
	credential, okCredential := params.Get("X-Amz-Credential")
	sig, okSignature := params.Get("X-Amz-Signature")
	date, okDate := params.Get("X-Amz-Date")
	signedHeaders, okSigned := params.Get("X-Amz-SignedHeaders")
	expires, okExpires := params.Get("X-Amz-Expires")
	if !okAlgorithm || !okCredential || !okSignature || !okDate || !okSigned || !okExpires {
		return nil, queryError(msgQueryRequired)
	}
	if algorithm != signingAlgorithm {
		return nil, queryError(msgQueryAlgorithm)
	}
	accessKey, s, problem := parseCredential(credential)
	if problem != "" {
		return nil, queryError("Error parsing the X-Amz-Credential parameter; " + problem)
	}
	t, err := time.Parse(amzDateLayout, date)
	if err != nil {
		return nil, queryError(msgQueryDate)
	}
	seconds, err := strconv.ParseInt(expires, 10, 64)
	switch {
	case err != nil:
		return nil, queryError(msgQueryExpires)
	case seconds < 0:
		return nil, queryError(msgQueryNegative)
	case seconds > int64(MaxPresignExpiry/time.Second):
		return nil, queryError(msgQueryWeek)
	}
	names, ok := splitSignedHeaders(signedHeaders)
	if !ok {
		return nil, queryError(msgQueryRequired)
	}
	secret, ok := secretFor(accessKey)
	if !ok {
		return nil, unknownKey(accessKey)
	}
	// A presigned URL may be used long after it was signed, until it expires; only a
	// date in the future is checked against the skew (C: S3's answer there is unrecorded).
	if t.Sub(now) > MaxSkew {
		return nil, tooSkewed(date, now)
	}
	if expiry := t.Add(time.Duration(seconds) * time.Second); now.After(expiry) {
		return nil, fail(codeAccessDenied, msgRequestExpired,
			Member{"X-Amz-Expires", expires},
			Member{"Expires", serverTime(expiry)},
			Member{"ServerTime", serverTime(now)},
		)
	}
	if s.date != t.Format(scopeDateLayout) {
		return nil, queryError(msgQueryDateScope)
	}
	payloadHash := unsignedPayload
	if v, ok := params.Get("X-Amz-Content-Sha256"); ok {
		if f := checkPayloadForm(v); f != nil {
			return nil, f
		}
		payloadHash = v
	}
	c := claim{accessKey: accessKey, scope: s, signedHeaders: signedHeaders, headerNames: names, signature: sig}
	return checkSignature(r, params, "X-Amz-Signature", p, c, secret, date, payloadHash)
}

func queryError(message string) *Failure {
	return fail(codeAuthorizationQueryParametersError, message)
}
