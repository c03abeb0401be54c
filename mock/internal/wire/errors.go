package wire

import (
	"net/http"
)

// Code is an S3 error code; its value is the wire string of <Code>. It is an error
// itself, so that errors.Is(err, mock.NoSuchBucket) asks for a condition by its code.
type Code string

func (c Code) Error() string { return string(c) }

// The S3 error codes the fake sends. Status, message and framing live in table.
const (
	NoSuchBucket               Code = "NoSuchBucket"
	NoSuchConfiguration        Code = "NoSuchConfiguration"
	MalformedXML               Code = "MalformedXML"
	IdMismatch                 Code = "IdMismatch"
	InvalidS3DestinationBucket Code = "InvalidS3DestinationBucket"
	TooManyConfigurations      Code = "TooManyConfigurations"
	InvalidArgument            Code = "InvalidArgument"
	AccessDenied               Code = "AccessDenied"
	MalformedContinuationToken Code = "MalformedContinuationToken"
	MethodNotAllowed           Code = "MethodNotAllowed"
	SignatureDoesNotMatch      Code = "SignatureDoesNotMatch"
	InvalidAccessKeyID         Code = "InvalidAccessKeyId"
	RequestTimeTooSkewed       Code = "RequestTimeTooSkewed"
	InvalidBucketName          Code = "InvalidBucketName"
	MissingContentLength       Code = "MissingContentLength"
	MaxMessageLengthExceeded   Code = "MaxMessageLengthExceeded"
	NotImplemented             Code = "NotImplemented"
	SlowDown                   Code = "SlowDown"
	InternalError              Code = "InternalError"
	ServiceUnavailable         Code = "ServiceUnavailable"
	BadDigest                  Code = "BadDigest"
	InvalidDigest              Code = "InvalidDigest"
	XAmzContentSHA256Mismatch  Code = "XAmzContentSHA256Mismatch"
	BucketAlreadyOwnedByYou    Code = "BucketAlreadyOwnedByYou"
	BucketAlreadyExists        Code = "BucketAlreadyExists"
	InvalidLocationConstraint  Code = "InvalidLocationConstraint"
	IncompleteBody             Code = "IncompleteBody"
	TooManyBuckets             Code = "TooManyBuckets"
	// The codes only verify mode sends (identity.Codes lists the reasons behind them).
	// InvalidRequest carries a Code suffix so that the name stays free for a request
	// type.
	AuthorizationHeaderMalformed      Code = "AuthorizationHeaderMalformed"
	AuthorizationQueryParametersError Code = "AuthorizationQueryParametersError"
	InvalidRequestCode                Code = "InvalidRequest"
	// The codes of the object reads (fixtures/FACTS.md section 8).
	NoSuchKey          Code = "NoSuchKey"
	NoSuchVersion      Code = "NoSuchVersion"
	InvalidRange       Code = "InvalidRange"
	PreconditionFailed Code = "PreconditionFailed"
	BucketNotEmpty     Code = "BucketNotEmpty"
)

// Row is everything S3 says about one error code. Declaration tells whether the body
// starts with the XML declaration and a newline: real S3 omits it on
// NoSuchConfiguration and MalformedContinuationToken (recorded) and sends it elsewhere.
type Row struct {
	Code        Code
	Status      int
	Message     string
	Declaration bool
}

// table is the one place where status, message and framing of every error live, in
// the order of fixtures/FACTS.md section 4 (then the codes of CreateBucket and of
// verify mode). Handlers and injected faults alike render from it. Rows whose
// message is our choice (C) say so; see also the variant messages below.
var table = [...]Row{
	{Code: NoSuchBucket, Status: 404, Message: "The specified bucket does not exist", Declaration: true},
	{Code: NoSuchConfiguration, Status: 404, Message: "The specified configuration does not exist.", Declaration: false},
	{Code: MalformedXML, Status: 400, Message: "The XML you provided was not well-formed or did not validate against our published schema", Declaration: true},
	{Code: IdMismatch, Status: 400, Message: "Document ID does not match the specified configuration ID.", Declaration: true},
	{Code: InvalidS3DestinationBucket, Status: 400, Message: "Invalid bucket ARN.", Declaration: true},
	// C: no recording of this message exists; see TooManyConfigurationsMessage.
	{Code: TooManyConfigurations, Status: 400, Message: TooManyConfigurationsMessage, Declaration: true},
	{Code: InvalidArgument, Status: 400, Message: "Invalid Argument", Declaration: true},
	{Code: AccessDenied, Status: 403, Message: "Access Denied", Declaration: true},
	// The grammar is S3's own ("you provided invalid"), recorded.
	{Code: MalformedContinuationToken, Status: 400, Message: "The continuation-token you provided invalid.", Declaration: false},
	{Code: MethodNotAllowed, Status: 405, Message: "The specified method is not allowed against this resource.", Declaration: true},
	{Code: SignatureDoesNotMatch, Status: 403, Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.", Declaration: true},
	{Code: InvalidAccessKeyID, Status: 403, Message: "The AWS Access Key Id you provided does not exist in our records.", Declaration: true},
	{Code: InvalidBucketName, Status: 400, Message: "The specified bucket is not valid.", Declaration: true},
	{Code: MissingContentLength, Status: 411, Message: "You must provide the Content-Length HTTP header.", Declaration: true},
	{Code: MaxMessageLengthExceeded, Status: 400, Message: "Your request was too big.", Declaration: true},
	// No final period: nine AWS-validated recordings kept by another project (2026-02).
	{Code: NotImplemented, Status: 501, Message: "A header you provided implies functionality that is not implemented", Declaration: true},
	{Code: SlowDown, Status: 503, Message: "Please reduce your request rate.", Declaration: true},
	{Code: InternalError, Status: 500, Message: "We encountered an internal error. Please try again.", Declaration: true},
	{Code: ServiceUnavailable, Status: 503, Message: "Service is unable to handle request.", Declaration: true},
	{Code: BadDigest, Status: 400, Message: "The Content-MD5 you specified did not match what we received.", Declaration: true},
	{Code: InvalidDigest, Status: 400, Message: "The Content-MD5 you specified is not valid.", Declaration: true},
	{Code: XAmzContentSHA256Mismatch, Status: 400, Message: "The provided 'x-amz-content-sha256' header does not match what was computed.", Declaration: true},
	{Code: IncompleteBody, Status: 400, Message: "You did not provide the number of bytes specified by the Content-Length HTTP header", Declaration: true},
	{Code: BucketAlreadyOwnedByYou, Status: 409, Message: "Your previous request to create the named bucket succeeded and you already own it.", Declaration: true},
	{Code: BucketAlreadyExists, Status: 409, Message: "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", Declaration: true},
	{Code: InvalidLocationConstraint, Status: 400, Message: "The specified location-constraint is not valid", Declaration: true},
	// S3's answer as quoted in flask-s3 pull request 24 (no final period, no members
	// before RequestId); the declaration is I, as on S3's other errors.
	{Code: TooManyBuckets, Status: 400, Message: "You have attempted to create more buckets than allowed", Declaration: true},
	{Code: RequestTimeTooSkewed, Status: 403, Message: "The difference between the request time and the current time is too large.", Declaration: true},
	// Verify mode. identity names the reason in its own words for each of these three,
	// so the table's message is only a fallback: D for AuthorizationHeaderMalformed
	// (S3's error code list), C for the other two.
	{Code: AuthorizationHeaderMalformed, Status: 400, Message: "The authorization header that you provided is not valid.", Declaration: true},
	{Code: AuthorizationQueryParametersError, Status: 400, Message: "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", Declaration: true},
	{Code: InvalidRequestCode, Status: 400, Message: "Invalid Request", Declaration: true},
	// Object reads and DeleteBucket of a bucket with objects (FACTS.md section 8).
	{Code: NoSuchKey, Status: 404, Message: "The specified key does not exist.", Declaration: true},
	{Code: NoSuchVersion, Status: 404, Message: "The specified version does not exist.", Declaration: true},
	{Code: InvalidRange, Status: 416, Message: "The requested range is not satisfiable", Declaration: true},
	{Code: PreconditionFailed, Status: 412, Message: "At least one of the pre-conditions you specified did not hold", Declaration: true},
	{Code: BucketNotEmpty, Status: 409, Message: "The bucket you tried to delete is not empty", Declaration: true},
}

// The messages S3 sends for one code in more than one case, each beside the table row
// it varies, and our choices (C) among them.
const (
	// TooManyConfigurationsMessage is C: no recording of S3's wording was found.
	TooManyConfigurationsMessage = "You are attempting to create a new configuration but have already reached the 1,000-configuration limit."
	// MissingIDMessage is C: the message for Put/Delete without ?id (InvalidArgument).
	MissingIDMessage = "Missing required parameter: id"
	// MethodNotAllowedResourceType is C: the ResourceType member of a 405 on ?inventory.
	MethodNotAllowedResourceType = "INVENTORY"
	// NamespacedARNMessage is InvalidS3DestinationBucket's message for an ARN with an
	// account or region in it (recorded).
	NamespacedARNMessage = "Bucket ARN should not specify a namespace."
	// ConflictingSelectorsMessage opens InvalidArgument's message for two bucket
	// subresources in one request; the sorted names follow (recorded for other pairs).
	ConflictingSelectorsMessage = "Conflicting query string parameters: "
	// The InvalidArgument messages of the listings and reads (FACTS.md section 8):
	// recorded but MaxKeysMessage (C) and InvalidVersionIDMessage (recorded for
	// DeleteObject, inferred for reads).
	InvalidEncodingMessage  = "Invalid Encoding Method specified in Request"
	BadTokenMessage         = "The continuation token provided is incorrect"
	MaxKeysMessage          = "Provided max-keys not an integer or within integer range"
	InvalidVersionIDMessage = "Invalid version id specified"
)

// rowOf finds a code's row; the table is short, so a scan beats a map and needs no
// second structure to keep in step.
func rowOf(code Code) (Row, bool) {
	for _, r := range table {
		if r.Code == code {
			return r, true
		}
	}
	return Row{}, false
}

// Known reports whether code has a row in the error table.
func Known(code Code) bool { _, ok := rowOf(code); return ok }

// Codes lists every code in the error table, in table order.
func Codes() []Code {
	codes := make([]Code, len(table))
	for i, r := range table {
		codes[i] = r.Code
	}
	return codes
}

// Member is one extra child of <Error>, written between Message and RequestId.
type Member struct {
	Name  string
	Value string
}

// Error is an S3 error answer. Build one with New; Status and Message come from the
// error table unless a caller (a scenario) overrides them on purpose.
type Error struct {
	Code    Code
	Status  int
	Message string
	Extra   []Member
	// Header holds extra response headers (a scenario's Retry-After, for example).
	Header http.Header
	// Declaration tells whether the body starts with the XML declaration.
	Declaration bool
}

// New returns the error table's row for code with the given extra members. A code
// missing from the table becomes a 500 InternalError-framed error with the code kept,
// so that a typo never crashes a request.
func New(code Code, extra ...Member) *Error {
	row, ok := rowOf(code)
	if !ok {
		row, _ = rowOf(InternalError)
	}
	return &Error{Code: code, Status: row.Status, Message: row.Message, Extra: extra, Declaration: row.Declaration}
}

// WithMessage returns a copy of e with another message (same code, status, framing).
func (e *Error) WithMessage(msg string) *Error {
	c := *e
	c.Message = msg
	return &c
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Is matches a Code (errors.Is(err, mock.NoSuchBucket)) or another *Error of the same
// code, so that callers ask for the condition, not for a value.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Code:
		return e.Code == t
	case *Error:
		return t != nil && e.Code == t.Code
	}
	return false
}

// Body renders the <Error> document for a call's request ids.
func (e *Error) Body(requestID, hostID string) []byte {
	b := make([]byte, 0, 256)
	if e.Declaration {
		b = append(b, Declaration...)
		b = append(b, '\n')
	}
	b = append(b, "<Error>"...)
	b = AppendElement(b, "Code", string(e.Code))
	b = AppendElement(b, "Message", e.Message)
	for _, m := range e.Extra {
		b = AppendElement(b, m.Name, m.Value)
	}
	b = AppendElement(b, "RequestId", requestID)
	b = AppendElement(b, "HostId", hostID)
	return append(b, "</Error>"...)
}
