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
// headers or host left unsigned (AccessDenied), the signature (SignatureDoesNotMatch) and last
// the body against a hex payload hash (XAmzContentSHA256Mismatch). S3's own order
// between these is not recorded; this one never reports a body or signature problem
// for a request that names an unknown key or a stale time.
//
// An aws-chunked body (x-amz-content-sha256 STREAMING-*) is checked frame by frame
// after the signature: each chunk's signature along the chain, the trailer's, and
// x-amz-decoded-content-length; see VerifyPayload for the decoded data.
//
// Verify parses r's query itself; a caller that has parsed it already (routing) calls
// VerifySignature and VerifyPayload with it.
func Verify(r *http.Request, body []byte, secretFor func(accessKeyID string) (secret string, ok bool), now time.Time) *Failure {
	var q Query
	if r.URL != nil {
		q = ParseQuery(r.URL.RawQuery)
	}
	_, f := verify(r, q, body, true, secretFor, now)
	return f
}

// VerifyPayload is Verify that also returns, when the request holds, the payload the
// operation reads: body itself, or the chunks of an aws-chunked body concatenated.
// q is r's query as routing parsed it (ParseQuery).
func VerifyPayload(r *http.Request, q Query, body []byte, secretFor func(accessKeyID string) (secret string, ok bool), now time.Time) ([]byte, *Failure) {
	return verify(r, q, body, true, secretFor, now)
}

// VerifySignature runs every check of Verify that needs no body, so that a caller can
// refuse a bad signature before it reads one: all but the body against a hex payload
// hash and the chunks of an aws-chunked body.
// q is r's query as routing parsed it (ParseQuery).
func VerifySignature(r *http.Request, q Query, secretFor func(accessKeyID string) (secret string, ok bool), now time.Time) *Failure {
	_, f := verify(r, q, nil, false, secretFor, now)
	return f
}

// payload is the body as Verify sees it; read is false when the caller has not read
// it yet and the body checks are skipped.
type payload struct {
	body []byte
	read bool
}

func verify(r *http.Request, params Query, body []byte, read bool, secretFor func(string) (string, bool), now time.Time) ([]byte, *Failure) {
	p := payload{body: body, read: read}
	auth := strings.TrimSpace(r.Header.Get("Authorization"))
	queryV4 := params.Has("X-Amz-Algorithm") || params.Has("X-Amz-Credential") || params.Has("X-Amz-Signature")
	queryV2 := params.Has("AWSAccessKeyId")
	switch {
	case auth != "" && (queryV4 || queryV2):
		return nil, fail(codeInvalidArgument, msgOneMechanism,
			Member{"ArgumentName", "Authorization"}, Member{"ArgumentValue", auth})
	case auth != "":
		return verifyHeader(r, params, auth, p, secretFor, now)
	case queryV4:
		return verifyPresigned(r, params, p, secretFor, now)
	case queryV2:
		return nil, fail(codeInvalidRequest, msgSigV2)
	}
	return nil, fail(codeAccessDenied, "")
}

// verifyHeader checks a request signed in its Authorization header.
func verifyHeader(r *http.Request, params Query, auth string, p payload, secretFor func(string) (string, bool), now time.Time) ([]byte, *Failure) {
	switch scheme, _, _ := strings.Cut(auth, " "); scheme {
	case signingAlgorithm:
	case "AWS":
		return nil, fail(codeInvalidRequest, msgSigV2)
	default:
		return nil, fail(codeInvalidArgument, msgUnsupportedAuthType,
			Member{"ArgumentName", "Authorization"}, Member{"ArgumentValue", auth})
	}
	c, f := parseAuthorization(auth)
	if f != nil {
		return nil, f
	}
	secret, ok := secretFor(c.accessKey)
	if !ok {
		return nil, unknownKey(c.accessKey)
	}
	amzDate, t, sent, ok := headerDate(r.Header)
	if !ok {
		return nil, fail(codeAccessDenied, msgNoDate)
	}
	if d := t.Sub(now); d > MaxSkew || -d > MaxSkew {
		return nil, tooSkewed(sent, now)
	}
	if c.scope.date != t.UTC().Format(scopeDateLayout) {
		return nil, fail(codeAuthorizationHeaderMalformed, msgHeaderDateInScope)
	}
	payloadHash := r.Header.Get("X-Amz-Content-Sha256")
	if payloadHash == "" {
		return nil, fail(codeInvalidRequest, msgNoContentSHA256)
	}
	if f := checkPayloadForm(payloadHash); f != nil {
		return nil, f
	}
	return checkSignature(r, params, "", p, c, secret, amzDate, payloadHash)
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

// checkSignature is the part both mechanisms share: host and every x-amz-* header are
// signed, the signature is the one the secret gives for the canonical request, and the
// body (once read) matches a hex payload hash or is a well-signed aws-chunked frame. skip names the query parameter left out of the
// canonical query (X-Amz-Signature when presigned).
func checkSignature(r *http.Request, params Query, skip string, p payload, c claim, secret, amzDate, payloadHash string) ([]byte, *Failure) {
	if unsigned := unsignedHeaders(r.Header, c.headerNames); unsigned != "" {
		return nil, fail(codeAccessDenied, msgHeadersNotSigned, Member{"HeadersNotSigned", unsigned})
	}
	canonical := canonicalRequest(r.Method, canonicalURI(r), canonicalQuery(params, skip),
		canonicalHeaders(r, c.headerNames), c.signedHeaders, payloadHash)
	toSign := stringToSign(amzDate, c.scope.String(), canonical)
	if !hmac.Equal([]byte(signature(secret, c.scope, toSign)), []byte(c.signature)) {
		return nil, fail(codeSignatureDoesNotMatch, "",
			Member{"AWSAccessKeyId", c.accessKey},
			Member{"StringToSign", toSign},
			Member{"SignatureProvided", c.signature},
			Member{"StringToSignBytes", hexBytes(toSign)},
			Member{"CanonicalRequest", canonical},
			Member{"CanonicalRequestBytes", hexBytes(canonical)},
		)
	}
	if !p.read {
		return nil, nil
	}
	if isStreaming(payloadHash) {
		return decodeChunked(r.Header, payloadHash, p.body,
			&chunkChain{accessKey: c.accessKey, secret: secret, scope: c.scope, amzDate: amzDate, previous: c.signature})
	}
	if f := checkBody(payloadHash, p.body); f != nil {
		return nil, f
	}
	return p.body, nil
}

// unsignedHeaders lists, lower-cased, sorted and comma-separated, the headers the
// signature must cover and does not: host, which every request carries (SigV4 requires
// it, and without it one signature is good for every virtual-hosted bucket), and each
// x-amz-* header of h. S3 names host in the same AccessDenied as the x-amz-* headers:
// a recorded S3 answer quoted in coda/packs-sdk pull request 3093 is 403 AccessDenied
// "There were headers present in the request which were not signed" with
// <HeadersNotSigned>host</HeadersNotSigned>. (The "'Host' must be a 'SignedHeader'"
// wording found elsewhere is API Gateway's JSON answer, not S3's.)
func unsignedHeaders(h http.Header, signed []string) string {
	isSigned := func(lower string) bool {
		return slices.ContainsFunc(signed, func(s string) bool { return strings.EqualFold(s, lower) })
	}
	var missing []string
	if !isSigned("host") {
		missing = append(missing, "host")
	}
	for name := range h {
		lower := strings.ToLower(name)
		if !strings.HasPrefix(lower, "x-amz-") {
			continue
		}
		if !isSigned(lower) {
			missing = append(missing, lower)
		}
	}
	slices.Sort(missing)
	return strings.Join(missing, ",")
}

func unknownKey(accessKey string) *Failure {
	return fail(codeInvalidAccessKeyID, "", Member{"AWSAccessKeyId", accessKey})
}

func tooSkewed(sent string, now time.Time) *Failure {
	return fail(codeRequestTimeTooSkewed, "",
		Member{"RequestTime", sent},
		Member{"ServerTime", serverTime(now)},
		Member{"MaxAllowedSkewMilliseconds", strconv.FormatInt(MaxSkew.Milliseconds(), 10)},
	)
}

// serverTime writes a time the way S3's ServerTime and Expires members do.
func serverTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
