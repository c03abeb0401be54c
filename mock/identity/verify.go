package identity

import (
	"crypto/hmac"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxSkew is how far the signed request time may be from the server's clock, either
// way, before S3 answers RequestTimeTooSkewed (D: 15 minutes).
const MaxSkew = 15 * time.Minute

// Verify checks the AWS Signature Version 4 of r, signed in its Authorization header
// or as a presigned URL, and returns nil when it holds or the S3 refusal when it does
// not. body is the request body, read by the caller (Verify never reads r.Body);
// secretFor finds the secret of an access key id (Directory.Secret fits); now is the
// server's clock.
//
// The checks run in this order, the first failing one answering: which mechanism
// (unsigned: AccessDenied; header and query together: InvalidArgument; Signature
// Version 2: InvalidRequest), the shape of the Authorization header or presigned query
// (AuthorizationHeaderMalformed, AuthorizationQueryParametersError), the access key
// (InvalidAccessKeyId), the time (AccessDenied when missing, RequestTimeTooSkewed,
// AccessDenied "Request has expired"), the credential's date against the request's
// (malformed again), the payload hash's form (InvalidRequest, InvalidArgument), x-amz-*
// headers left unsigned (AccessDenied), the signature (SignatureDoesNotMatch) and last
// the body against a hex payload hash (XAmzContentSHA256Mismatch). S3's own order
// between these is not recorded; this one never reports a body or signature problem
// for a request that names an unknown key or a stale time.
func Verify(r *http.Request, body []byte, secretFor func(accessKeyID string) (secret string, ok bool), now time.Time) *Failure {
	var params []param
	if r.URL != nil {
		params = parseQuery(r.URL.RawQuery)
	}
	auth := strings.TrimSpace(r.Header.Get("Authorization"))
	queryV4 := has(params, "X-Amz-Algorithm") || has(params, "X-Amz-Credential") || has(params, "X-Amz-Signature")
	queryV2 := has(params, "AWSAccessKeyId")
	switch {
	case auth != "" && (queryV4 || queryV2):
		return fail(codeInvalidArgument, msgOneMechanism,
			Member{Name: "ArgumentName", Value: "Authorization"}, Member{Name: "ArgumentValue", Value: auth})
	case auth != "":
		return verifyHeader(r, params, auth, body, secretFor, now)
	case queryV4:
		return verifyPresigned(r, params, body, secretFor, now)
	case queryV2:
		return fail(codeInvalidRequest, msgSigV2)
	}
	return fail(codeAccessDenied, "")
}

// verifyHeader checks a request signed in its Authorization header.
func verifyHeader(r *http.Request, params []param, auth string, body []byte, secretFor func(string) (string, bool), now time.Time) *Failure {
	switch scheme, _, _ := strings.Cut(auth, " "); scheme {
	case signingAlgorithm:
	case "AWS":
		return fail(codeInvalidRequest, msgSigV2)
	default:
		return fail(codeInvalidArgument, msgUnsupportedAuthType,
			Member{Name: "ArgumentName", Value: "Authorization"}, Member{Name: "ArgumentValue", Value: auth})
	}
	c, f := parseAuthorization(auth)
	if f != nil {
		return f
	}
	secret, ok := secretFor(c.accessKey)
	if !ok {
		return unknownKey(c.accessKey)
	}
	amzDate, t, sent, ok := headerDate(r.Header)
	if !ok {
		return fail(codeAccessDenied, msgNoDate)
	}
	if d := t.Sub(now); d > MaxSkew || -d > MaxSkew {
		return tooSkewed(sent, now)
	}
	if c.scope.date != t.UTC().Format(scopeDateLayout) {
		return fail(codeAuthorizationHeaderMalformed, msgHeaderDateInScope)
	}
	payloadHash := r.Header.Get("X-Amz-Content-Sha256")
	if payloadHash == "" {
		return fail(codeInvalidRequest, msgNoContentSHA256)
	}
	if f := checkPayloadForm(payloadHash); f != nil {
		return f
	}
	return checkSignature(r, params, "", body, c, secret, amzDate, payloadHash)
}

// headerDate finds the request time of header auth: X-Amz-Date (ISO 8601 basic), or
// failing that Date (an HTTP date). amzDate is the time as the string to sign carries
// it; sent is the header's value as sent, for RequestTimeTooSkewed.
func headerDate(h http.Header) (amzDate string, t time.Time, sent string, ok bool) {
	if v := h.Get("X-Amz-Date"); v != "" {
		t, err := time.Parse(amzDateLayout, v)
		return v, t, v, err == nil
	}
	if v := h.Get("Date"); v != "" {
		t, err := http.ParseTime(v)
		return t.UTC().Format(amzDateLayout), t, v, err == nil
	}
	return "", time.Time{}, "", false
}

// checkSignature is the part both mechanisms share: every x-amz-* header is signed,
// the signature is the one the secret gives for the canonical request, and the body
// matches a hex payload hash. skip names the query parameter left out of the
// canonical query (X-Amz-Signature when presigned).
func checkSignature(r *http.Request, params []param, skip string, body []byte, c claim, secret, amzDate, payloadHash string) *Failure {
	if unsigned := unsignedAmzHeaders(r.Header, c.headerNames); unsigned != "" {
		return fail(codeAccessDenied, msgHeadersNotSigned, Member{Name: "HeadersNotSigned", Value: unsigned})
	}
	canonical := canonicalRequest(r.Method, canonicalURI(r), canonicalQuery(params, skip),
		canonicalHeaders(r, c.headerNames), c.signedHeaders, payloadHash)
	toSign := stringToSign(amzDate, c.scope.String(), canonical)
	if !hmac.Equal([]byte(signature(secret, c.scope, toSign)), []byte(c.signature)) {
		return fail(codeSignatureDoesNotMatch, "",
			Member{Name: "AWSAccessKeyId", Value: c.accessKey},
			Member{Name: "StringToSign", Value: toSign},
			Member{Name: "SignatureProvided", Value: c.signature},
			Member{Name: "StringToSignBytes", Value: hexBytes(toSign)},
			Member{Name: "CanonicalRequest", Value: canonical},
			Member{Name: "CanonicalRequestBytes", Value: hexBytes(canonical)},
		)
	}
	return checkBody(payloadHash, body)
}

// unsignedAmzHeaders lists, lower-cased, sorted and comma-separated, the x-amz-*
// headers of h that the signature does not cover.
func unsignedAmzHeaders(h http.Header, signed []string) string {
	var missing []string
	for name := range h {
		lower := strings.ToLower(name)
		if !strings.HasPrefix(lower, "x-amz-") {
			continue
		}
		if !slices.ContainsFunc(signed, func(s string) bool { return strings.EqualFold(s, lower) }) {
			missing = append(missing, lower)
		}
	}
	slices.Sort(missing)
	return strings.Join(missing, ",")
}

func unknownKey(accessKey string) *Failure {
	return fail(codeInvalidAccessKeyID, "", Member{Name: "AWSAccessKeyId", Value: accessKey})
}

func tooSkewed(sent string, now time.Time) *Failure {
	return fail(codeRequestTimeTooSkewed, "",
		Member{Name: "RequestTime", Value: sent},
		Member{Name: "ServerTime", Value: serverTime(now)},
		Member{Name: "MaxAllowedSkewMilliseconds", Value: strconv.FormatInt(MaxSkew.Milliseconds(), 10)},
	)
}

// serverTime writes a time the way S3's ServerTime and Expires members do.
func serverTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func has(params []param, key string) bool {
	_, ok := lookup(params, key)
	return ok
}
