package s3matchers

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/onsi/gomega/types"
)

// HaveS3Error matches an error whose S3 error code is code (smithy.APIError, as every
// aws-sdk-go-v2 operation error wraps), or a *http.Response whose XML error body has
// that code. A raw response is read and its body put back, so it can be read again.
// A bodiless answer (HEAD) has the code the SDKs give it: its status text without
// spaces, such as NotFound.
func HaveS3Error(code string) types.GomegaMatcher { return &s3ErrorMatcher{want: code} }

type s3ErrorMatcher struct {
	want string
	got  s3Error
}

// s3Error is what an answer said, for the failure message.
type s3Error struct {
	Code, Message, RequestID string
	Status                   int
	Other                    string // not an S3 error at all
}

func (e s3Error) String() string {
	if e.Other != "" {
		return e.Other
	}
	var b strings.Builder
	fmt.Fprintf(&b, "code %q", e.Code)
	if e.Message != "" {
		fmt.Fprintf(&b, ", message %q", e.Message)
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, ", status %d", e.Status)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, ", request id %s", e.RequestID)
	}
	return b.String()
}

func (m *s3ErrorMatcher) Match(actual any) (bool, error) {
	switch a := actual.(type) {
	case nil:
		m.got = s3Error{Other: "no error"}
	case *http.Response:
		got, err := fromResponse(a)
		if err != nil {
			return false, err
		}
		m.got = got
	case error:
		m.got = fromError(a)
	default:
		return false, fmt.Errorf("HaveS3Error wants an error or a *http.Response, got %T", actual)
	}
	return m.got.Other == "" && m.got.Code == m.want, nil
}

func (m *s3ErrorMatcher) FailureMessage(any) string {
	return fmt.Sprintf("Expected the S3 error %s\n     got %s", m.want, m.got)
}

func (m *s3ErrorMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected any answer but the S3 error %s\n     got %s", m.want, m.got)
}

// fromError reads an SDK error: code and message from smithy.APIError, status and
// request id from the response error it wraps.
func fromError(err error) s3Error {
	var api smithy.APIError
	if !errors.As(err, &api) {
		return s3Error{Other: fmt.Sprintf("an error that is no S3 error: %v", err)}
	}
	got := s3Error{Code: api.ErrorCode(), Message: api.ErrorMessage()}
	var rid interface{ ServiceRequestID() string }
	if errors.As(err, &rid) {
		got.RequestID = rid.ServiceRequestID()
	}
	var status interface{ HTTPStatusCode() int }
	if errors.As(err, &status) {
		got.Status = status.HTTPStatusCode()
	}
	return got
}

// fromResponse reads a raw answer's S3 error document and puts the body back.
func fromResponse(resp *http.Response) (s3Error, error) {
	if resp == nil {
		return s3Error{Other: "a nil *http.Response"}, nil
	}
	got := s3Error{Status: resp.StatusCode, RequestID: resp.Header.Get("x-amz-request-id")}
	var body []byte
	if resp.Body != nil {
		var err error
		if body, err = io.ReadAll(resp.Body); err != nil {
			return got, fmt.Errorf("HaveS3Error: reading the body: %w", err)
		}
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
	}
	if resp.StatusCode < 300 {
		got.Other = fmt.Sprintf("a %d answer, no error", resp.StatusCode)
		return got, nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		got.Code = strings.ReplaceAll(http.StatusText(resp.StatusCode), " ", "")
		return got, nil
	}
	var doc struct {
		XMLName   xml.Name `xml:"Error"`
		Code      string   `xml:"Code"`
		Message   string   `xml:"Message"`
		RequestID string   `xml:"RequestId"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		got.Other = fmt.Sprintf("a %d answer whose body is no S3 error document: %.200q", resp.StatusCode, body)
		return got, nil
	}
	got.Code, got.Message = doc.Code, doc.Message
	if got.RequestID == "" {
		got.RequestID = doc.RequestID
	}
	return got, nil
}
