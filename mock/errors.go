package mock

import (
	"net/http"
	"strconv"
)

// ErrorCode is an S3 error code; its value is the wire string of <Code>.
type ErrorCode string

// The S3 error codes the fake sends. Status, message and framing live in errorTable.
const (
	NoSuchBucket               ErrorCode = "NoSuchBucket"
	NoSuchConfiguration        ErrorCode = "NoSuchConfiguration"
	MalformedXML               ErrorCode = "MalformedXML"
	IdMismatch                 ErrorCode = "IdMismatch"
	InvalidS3DestinationBucket ErrorCode = "InvalidS3DestinationBucket"
	TooManyConfigurations      ErrorCode = "TooManyConfigurations"
	InvalidArgument            ErrorCode = "InvalidArgument"
	AccessDenied               ErrorCode = "AccessDenied"
	MalformedContinuationToken ErrorCode = "MalformedContinuationToken"
	MethodNotAllowed           ErrorCode = "MethodNotAllowed"
	SignatureDoesNotMatch      ErrorCode = "SignatureDoesNotMatch"
	InvalidAccessKeyID         ErrorCode = "InvalidAccessKeyId"
	RequestTimeTooSkewed       ErrorCode = "RequestTimeTooSkewed"
	InvalidBucketName          ErrorCode = "InvalidBucketName"
	MissingContentLength       ErrorCode = "MissingContentLength"
	MaxMessageLengthExceeded   ErrorCode = "MaxMessageLengthExceeded"
	NotImplemented             ErrorCode = "NotImplemented"
	SlowDown                   ErrorCode = "SlowDown"
	InternalError              ErrorCode = "InternalError"
	ServiceUnavailable         ErrorCode = "ServiceUnavailable"
	BadDigest                  ErrorCode = "BadDigest"
	InvalidDigest              ErrorCode = "InvalidDigest"
	XAmzContentSHA256Mismatch  ErrorCode = "XAmzContentSHA256Mismatch"
	BucketAlreadyOwnedByYou    ErrorCode = "BucketAlreadyOwnedByYou"
	BucketAlreadyExists        ErrorCode = "BucketAlreadyExists"
	InvalidLocationConstraint  ErrorCode = "InvalidLocationConstraint"
	IncompleteBody             ErrorCode = "IncompleteBody"
	// The codes only verify mode sends (identity.Codes lists them all). InvalidRequest
	// carries a Code suffix so that the name stays free for a request type.
	AuthorizationHeaderMalformed      ErrorCode = "AuthorizationHeaderMalformed"
	AuthorizationQueryParametersError ErrorCode = "AuthorizationQueryParametersError"
	InvalidRequestCode                ErrorCode = "InvalidRequest"
)

// errorRow is everything S3 says about one error code. Declaration tells whether the
// body starts with the XML declaration and a newline: real S3 omits it on
// NoSuchConfiguration and MalformedContinuationToken (recorded) and sends it elsewhere.
type errorRow struct {
	Status      int
	Message     string
	Declaration bool
}

// errorTable is the one place where status, message and framing of every error live.
// Handlers and injected faults alike render from it (see WriteError). Weights follow
// fixtures/FACTS.md section 4; rows marked C are our choice.
var errorTable = map[ErrorCode]errorRow{
	NoSuchBucket:               {404, "The specified bucket does not exist", true},
	NoSuchConfiguration:        {404, "The specified configuration does not exist.", false},
	MalformedXML:               {400, "The XML you provided was not well-formed or did not validate against our published schema", true},
	IdMismatch:                 {400, "Document ID does not match the specified configuration ID.", true},
	InvalidS3DestinationBucket: {400, "Invalid bucket ARN.", true},
	// C: no recording of this message exists; see TooManyConfigurationsMessage.
	TooManyConfigurations: {400, TooManyConfigurationsMessage, true},
	InvalidArgument:       {400, "Invalid Argument", true},
	AccessDenied:          {403, "Access Denied", true},
	// The grammar is S3's own ("you provided invalid"), recorded.
	MalformedContinuationToken: {400, "The continuation-token you provided invalid.", false},
	MethodNotAllowed:           {405, "The specified method is not allowed against this resource.", true},
	SignatureDoesNotMatch:      {403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.", true},
	InvalidAccessKeyID:         {403, "The AWS Access Key Id you provided does not exist in our records.", true},
	RequestTimeTooSkewed:       {403, "The difference between the request time and the current time is too large.", true},
	InvalidBucketName:          {400, "The specified bucket is not valid.", true},
	MissingContentLength:       {411, "You must provide the Content-Length HTTP header.", true},
	MaxMessageLengthExceeded:   {400, "Your request was too big.", true},
	NotImplemented:             {501, "A header you provided implies functionality that is not implemented", true},
	SlowDown:                   {503, "Please reduce your request rate.", true},
	InternalError:              {500, "We encountered an internal error. Please try again.", true},
	ServiceUnavailable:         {503, "Service is unable to handle request.", true},
	BadDigest:                  {400, "The Content-MD5 you specified did not match what we received.", true},
	InvalidDigest:              {400, "The Content-MD5 you specified is not valid.", true},
	XAmzContentSHA256Mismatch:  {400, "The provided 'x-amz-content-sha256' header does not match what was computed.", true},
	BucketAlreadyOwnedByYou:    {409, "Your previous request to create the named bucket succeeded and you already own it.", true},
	BucketAlreadyExists:        {409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", true},
	InvalidLocationConstraint:  {400, "The specified location-constraint is not valid", true},
	IncompleteBody:             {400, "You did not provide the number of bytes specified by the Content-Length HTTP header", true},
	// Verify mode. identity.Verify names the reason in its own message for each of these
	// three, so the table's message is only a fallback: D for AuthorizationHeaderMalformed
	// (S3's error code list), C for the other two.
	AuthorizationHeaderMalformed:      {400, "The authorization header that you provided is not valid.", true},
	AuthorizationQueryParametersError: {400, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", true},
	InvalidRequestCode:                {400, "Invalid Request", true},
}

// Our choices (C facts in fixtures/FACTS.md) that live in the error table's neighbourhood.
const (
	// TooManyConfigurationsMessage is C: no recording of S3's wording was found.
	TooManyConfigurationsMessage = "You are attempting to create a new configuration but have already reached the 1,000-configuration limit."
	// MissingIDMessage is C: the message for Put/Delete without ?id (InvalidArgument).
	MissingIDMessage = "Missing required parameter: id"
	// MethodNotAllowedResourceType is C: the ResourceType member of a 405 on ?inventory.
	MethodNotAllowedResourceType = "INVENTORY"
)

// Member is one extra child of <Error>, written between Message and RequestId.
type Member struct {
	Name  string
	Value string
}

// Error is an S3 error answer. Build one with NewError; Status and Message come from
// the error table unless a caller (a scenario) overrides them on purpose.
type Error struct {
	Code    ErrorCode
	Status  int
	Message string
	Extra   []Member
	// Header holds extra response headers (a scenario's Retry-After, for example).
	Header http.Header
	// Declaration tells whether the body starts with the XML declaration.
	Declaration bool
}

// NewError returns the error table's row for code with the given extra members.
// A code missing from the table becomes a 500 InternalError-framed error with the
// code kept, so that a typo never crashes a request.
func NewError(code ErrorCode, extra ...Member) *Error {
	row, ok := errorTable[code]
	if !ok {
		row = errorTable[InternalError]
	}
	return &Error{Code: code, Status: row.Status, Message: row.Message, Extra: extra, Declaration: row.Declaration}
}

// Known reports whether code has a row in the error table.
func Known(code ErrorCode) bool { _, ok := errorTable[code]; return ok }

// ErrorCodes lists every code in the error table.
func ErrorCodes() []ErrorCode {
	codes := make([]ErrorCode, 0, len(errorTable))
	for c := range errorTable {
		codes = append(codes, c)
	}
	return codes
}

// WithMessage returns a copy of e with another message (same code, status, framing).
func (e *Error) WithMessage(msg string) *Error {
	c := *e
	c.Message = msg
	return &c
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Body renders the <Error> document for a call's request ids.
func (e *Error) Body(requestID, hostID string) []byte {
	b := make([]byte, 0, 256)
	if e.Declaration {
		b = append(b, xmlDeclaration...)
		b = append(b, '\n')
	}
	b = append(b, "<Error>"...)
	b = appendElement(b, "Code", string(e.Code))
	b = appendElement(b, "Message", e.Message)
	for _, m := range e.Extra {
		b = appendElement(b, m.Name, m.Value)
	}
	b = appendElement(b, "RequestId", requestID)
	b = appendElement(b, "HostId", hostID)
	return append(b, "</Error>"...)
}

// WriteError writes e as S3 does: status, application/xml, the body with RequestId and
// HostId equal to the headers, and no body at all on HEAD. It is the only writer of S3
// errors: handlers and injected faults both call it.
func WriteError(w http.ResponseWriter, c *Call, e *Error) {
	h := w.Header()
	for k, v := range e.Header {
		h[k] = v
	}
	c.ErrorCode = e.Code
	h.Set("Content-Type", "application/xml")
	if c.Method == http.MethodHead {
		w.WriteHeader(e.Status)
		return
	}
	body := e.Body(c.RequestID, c.HostID)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.Status)
	_, _ = w.Write(body)
}
