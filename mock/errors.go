package mock

import (
	"net/http"
	"strconv"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
)

// ErrorCode is an S3 error code; its value is the wire string of <Code>. A code is an
// error value too: errors.Is(err, mock.NoSuchBucket) holds for any *Error of that
// code, from HTTP answers and the Go API alike.
type ErrorCode = wire.Code

// Error is an S3 error answer: code, status, message, extra members and framing, all
// from the one error table (mock/internal/wire/errors.go). Build one with NewError.
type Error = wire.Error

// Member is one extra child of <Error>, written between Message and RequestId.
type Member = wire.Member

// The S3 error codes the fake sends; the error table gives each its status, message
// and framing.
const (
	NoSuchBucket                      = wire.NoSuchBucket
	NoSuchConfiguration               = wire.NoSuchConfiguration
	MalformedXML                      = wire.MalformedXML
	IdMismatch                        = wire.IdMismatch
	InvalidS3DestinationBucket        = wire.InvalidS3DestinationBucket
	TooManyConfigurations             = wire.TooManyConfigurations
	InvalidArgument                   = wire.InvalidArgument
	AccessDenied                      = wire.AccessDenied
	MalformedContinuationToken        = wire.MalformedContinuationToken
	MethodNotAllowed                  = wire.MethodNotAllowed
	SignatureDoesNotMatch             = wire.SignatureDoesNotMatch
	InvalidAccessKeyID                = wire.InvalidAccessKeyID
	RequestTimeTooSkewed              = wire.RequestTimeTooSkewed
	InvalidBucketName                 = wire.InvalidBucketName
	MissingContentLength              = wire.MissingContentLength
	MaxMessageLengthExceeded          = wire.MaxMessageLengthExceeded
	NotImplemented                    = wire.NotImplemented
	SlowDown                          = wire.SlowDown
	InternalError                     = wire.InternalError
	ServiceUnavailable                = wire.ServiceUnavailable
	BadDigest                         = wire.BadDigest
	InvalidDigest                     = wire.InvalidDigest
	XAmzContentSHA256Mismatch         = wire.XAmzContentSHA256Mismatch
	BucketAlreadyOwnedByYou           = wire.BucketAlreadyOwnedByYou
	BucketAlreadyExists               = wire.BucketAlreadyExists
	InvalidLocationConstraint         = wire.InvalidLocationConstraint
	IncompleteBody                    = wire.IncompleteBody
	TooManyBuckets                    = wire.TooManyBuckets
	AuthorizationHeaderMalformed      = wire.AuthorizationHeaderMalformed
	AuthorizationQueryParametersError = wire.AuthorizationQueryParametersError
	InvalidRequestCode                = wire.InvalidRequestCode
	NoSuchKey                         = wire.NoSuchKey
	NoSuchVersion                     = wire.NoSuchVersion
	InvalidRange                      = wire.InvalidRange
	PreconditionFailed                = wire.PreconditionFailed
	BucketNotEmpty                    = wire.BucketNotEmpty
)

// Our choices (C) among the messages, kept beside the error table's rows.
const (
	// TooManyConfigurationsMessage is C: no recording of S3's wording was found.
	TooManyConfigurationsMessage = wire.TooManyConfigurationsMessage
	// MissingIDMessage is C: the message for Put/Delete without ?id (InvalidArgument).
	MissingIDMessage = wire.MissingIDMessage
	// MethodNotAllowedResourceType is C: the ResourceType member of a 405 on ?inventory.
	MethodNotAllowedResourceType = wire.MethodNotAllowedResourceType
)

// NewError returns the error table's row for code with the given extra members.
// A code missing from the table becomes a 500 InternalError-framed error with the
// code kept, so that a typo never crashes a request.
func NewError(code ErrorCode, extra ...Member) *Error { return wire.New(code, extra...) }

// Known reports whether code has a row in the error table.
func Known(code ErrorCode) bool { return wire.Known(code) }

// ErrorCodes lists every code in the error table, in table order.
func ErrorCodes() []ErrorCode { return wire.Codes() }

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
