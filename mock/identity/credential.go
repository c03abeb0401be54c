package identity

import (
	"strings"
)

// scope is the credential scope of a signature: date/region/service/aws4_request.
type scope struct{ date, region, service string }

func (s scope) String() string {
	return s.date + "/" + s.region + "/" + s.service + "/" + scopeTerminator
}

// claim is what a signed request says about itself, read from the Authorization header
// or from the presigned query, before anything is checked against a secret.
type claim struct {
	accessKey     string
	scope         scope
	signedHeaders string   // the list exactly as given, for the canonical request
	headerNames   []string // the same list, split
	signature     string
}

// parseCredential reads AKID/YYYYMMDD/region/service/aws4_request. Any region is
// accepted; the service must be s3. problem, when not empty, is the reason to give.
func parseCredential(v string) (accessKey string, s scope, problem string) {
	parts := strings.Split(v, "/")
	if len(parts) != 5 || parts[0] == "" || parts[2] == "" || parts[4] != scopeTerminator || !isScopeDate(parts[1]) {
		return "", scope{}, credentialShape
	}
	s = scope{date: parts[1], region: parts[2], service: parts[3]}
	if s.service != signingService {
		return "", scope{}, wrongService(s.service)
	}
	return parts[0], s, ""
}

func isScopeDate(s string) bool {
	if len(s) != len(scopeDateLayout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitSignedHeaders splits a SignedHeaders value; an empty list or an empty name is
// malformed (ok false).
func splitSignedHeaders(v string) (names []string, ok bool) {
	if v == "" {
		return nil, false
	}
	names = strings.Split(v, ";")
	for _, n := range names {
		if n == "" {
			return nil, false
		}
	}
	return names, true
}

// parseAuthorization reads the value of a SigV4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex
//
// Components are separated by commas with optional blanks, in any order. The header's
// scheme has already been checked by the caller.
func parseAuthorization(v string) (claim, *Failure) {
	rest := strings.TrimSpace(strings.TrimPrefix(v, signingAlgorithm))
	var credential, signedHeaders, sig string
	var haveCredential, haveSigned, haveSig bool
	for component := range strings.SplitSeq(rest, ",") {
		name, value, found := strings.Cut(strings.TrimSpace(component), "=")
		if !found {
			return claim{}, fail(codeAuthorizationHeaderMalformed, msgHeaderComponents)
		}
		switch name {
		case "Credential":
			credential, haveCredential = value, true
		case "SignedHeaders":
			signedHeaders, haveSigned = value, true
		case "Signature":
			sig, haveSig = value, true
		default:
			return claim{}, fail(codeAuthorizationHeaderMalformed, msgHeaderComponents)
		}
	}
	if !haveCredential || !haveSigned || !haveSig {
		return claim{}, fail(codeAuthorizationHeaderMalformed, msgHeaderComponents)
	}
	key, s, problem := parseCredential(credential)
	if problem != "" {
		return claim{}, fail(codeAuthorizationHeaderMalformed, msgHeaderMalformed+problem)
	}
	names, ok := splitSignedHeaders(signedHeaders)
	if !ok {
		return claim{}, fail(codeAuthorizationHeaderMalformed, msgHeaderComponents)
	}
	return claim{accessKey: key, scope: s, signedHeaders: signedHeaders, headerNames: names, signature: sig}, nil
}
