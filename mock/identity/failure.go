package identity

import (
	"strings"
)

// Failure is a refused request, described the way S3 writes the refusal: the caller
// renders it as an <Error> document and changes nothing.
type Failure struct {
	// Code is the S3 error code, the wire string of <Code> ("SignatureDoesNotMatch").
	// The reason is all this package gives: the status and framing are the error
	// table's (package mock), the one place they live.
	Code string
	// Message is the text of <Message>. Empty means the error table's default message
	// for Code; it is set whenever S3 uses a wording of its own for this trigger.
	Message string
	// Extra are the members S3 writes after <Message>, in S3's order.
	Extra []Member
}

// Member is one extra child element of <Error>, such as <AWSAccessKeyId>.
type Member struct {
	Name  string
	Value string
}

// Value returns the value of the first extra member called name.
func (f *Failure) Value(name string) (value string, ok bool) {
	for _, m := range f.Extra {
		if m.Name == name {
			return m.Value, true
		}
	}
	return "", false
}

// The codes Verify can answer with; allCodes lists them in a stable order.
const (
	codeAccessDenied                      = "AccessDenied"
	codeInvalidAccessKeyID                = "InvalidAccessKeyId"
	codeSignatureDoesNotMatch             = "SignatureDoesNotMatch"
	codeRequestTimeTooSkewed              = "RequestTimeTooSkewed"
	codeXAmzContentSHA256Mismatch         = "XAmzContentSHA256Mismatch"
	codeAuthorizationHeaderMalformed      = "AuthorizationHeaderMalformed"
	codeAuthorizationQueryParametersError = "AuthorizationQueryParametersError"
	codeInvalidRequest                    = "InvalidRequest"
	codeInvalidArgument                   = "InvalidArgument"
	codeIncompleteBody                    = "IncompleteBody"
	codeMissingContentLength              = "MissingContentLength"
	codeNotImplemented                    = "NotImplemented"
)

// allCodes lists every code Verify can answer with, in a stable order.
var allCodes = [...]string{
	codeAccessDenied,
	codeInvalidAccessKeyID,
	codeSignatureDoesNotMatch,
	codeRequestTimeTooSkewed,
	codeXAmzContentSHA256Mismatch,
	codeAuthorizationHeaderMalformed,
	codeAuthorizationQueryParametersError,
	codeInvalidRequest,
	codeInvalidArgument,
	codeIncompleteBody,
	codeMissingContentLength,
	codeNotImplemented,
}

// Codes lists every S3 error code Verify and CheckContentSHA256 can return, so that
// the error table that renders them can prove it has a row for each.
func Codes() []string {
	return append([]string(nil), allCodes[:]...)
}

// Messages. Those marked R, D or I follow fixtures/FACTS.md or S3's recorded answers; those
// marked C are this project's wording where no recording was found. The messages of
// AccessDenied (plain), InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed
// and XAmzContentSHA256Mismatch are left to the error table (Failure.Message empty).
const (
	// msgRequestExpired is AccessDenied for a presigned URL past X-Amz-Expires (issue 5).
	msgRequestExpired = "Request has expired"
	// msgNoDate is AccessDenied for header auth without a usable date (I).
	msgNoDate = "AWS authentication requires a valid Date or x-amz-date header"
	// msgHeadersNotSigned is AccessDenied when an x-amz-* header is not signed (I).
	msgHeadersNotSigned = "There were headers present in the request which were not signed"
	// msgOneMechanism is InvalidArgument when header and query auth are both present (I).
	msgOneMechanism = "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified"
	// msgUnsupportedAuthType is InvalidArgument for an Authorization scheme S3 does not know (I).
	msgUnsupportedAuthType = "Unsupported Authorization Type"
	// msgSigV2 is InvalidRequest for Signature Version 2, which the fake does not verify (I:
	// the answer of S3 regions opened after 2014).
	msgSigV2 = "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."
	// msgNoContentSHA256 is InvalidRequest for header auth without x-amz-content-sha256 (I).
	msgNoContentSHA256 = "Missing required header for this request: x-amz-content-sha256"
	// msgBadContentSHA256 is InvalidArgument for a payload hash of no known form (I).
	msgBadContentSHA256 = "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value."

	// AuthorizationHeaderMalformed: S3's prefix, then the reason (C: wordings of the
	// reasons seen in the wild, no recording in fixtures/FACTS.md).
	msgHeaderMalformed   = "The authorization header is malformed; "
	msgHeaderComponents  = msgHeaderMalformed + "the authorization header requires three components: Credential, SignedHeaders, and Signature."
	msgHeaderDateInScope = msgHeaderMalformed + "Invalid credential date. Date is not the same as X-Amz-Date."
	credentialShape      = `the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`

	// AuthorizationQueryParametersError: presigned URLs (I).
	msgQueryRequired   = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
	msgQueryAlgorithm  = `X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"`
	msgQueryCredential = "Error parsing the X-Amz-Credential parameter; " + credentialShape
	msgQueryDate       = `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`
	msgQueryExpires    = "X-Amz-Expires should be a number"
	msgQueryNegative   = "X-Amz-Expires must be non-negative"
	msgQueryWeek       = "X-Amz-Expires must be less than a week (in seconds) that is 604800"
	msgQueryDateScope  = "Invalid credential date. Date is not the same as X-Amz-Date."
)

// wrongService is the reason given when the credential scope names another service.
func wrongService(service string) string {
	return `incorrect service "` + service + `". This endpoint belongs to "` + signingService + `".`
}

// fail builds a Failure: a code and, where S3 words the case its own way, a message.
func fail(code, message string, extra ...Member) *Failure {
	return &Failure{Code: code, Message: message, Extra: extra}
}

// hexBytes writes s the way S3 writes StringToSignBytes: each byte as two lower-case
// hex digits, separated by single spaces ("41 57 53 34").
func hexBytes(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(s) * 3)
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&0x0f])
	}
	return b.String()
}
