package mock

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// recorder notes the status an answer had, and keeps its body when capture is on. It
// passes Hijack and Flush through, which connection faults and slow bodies need.
type recorder struct {
	http.ResponseWriter
	call    *Call
	status  int
	capture bool
	body    bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.capture {
		r.body.Write(b)
	}
	return r.ResponseWriter.Write(b)
}

// Flush sends what is buffered, for bandwidth-limited bodies.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack hands the connection to a fault that breaks it.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("mock: the response writer cannot be hijacked")
	}
	return hj.Hijack()
}

// SetWriteDeadline lets a slow body outlive the server's WriteTimeout.
func (r *recorder) SetWriteDeadline(t time.Time) error {
	return http.NewResponseController(r.ResponseWriter).SetWriteDeadline(t)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// record adds the finished call to the journal.
func (s *Server) record(req *http.Request, c *Call, rec *recorder, took time.Duration) {
	c.Status = rec.status
	e := Entry{
		Time: c.Received, Duration: took, Operation: c.Operation, Method: c.Method, Path: c.Path,
		Bucket: c.Bucket, ID: c.ID, Status: c.Status, ErrorCode: c.ErrorCode, RequestID: c.RequestID,
		AccessKey: c.AccessKey, Account: c.Account, FiredRules: c.FiredRules,
	}
	// Canonical keys looked up directly: Header.Get would canonicalize (and allocate)
	// on every request.
	if inv := identity.FirstValue(req.Header, "Amz-Sdk-Invocation-Id"); inv != "" {
		e.InvocationID = inv
		e.Attempt, e.MaxAttempts = parseSDKRequest(identity.FirstValue(req.Header, "Amz-Sdk-Request"))
	}
	e.keepStrings()
	if rec.capture {
		// Copied: RequestURI can be a substring of the request line. Replay needs it
		// whole, and the server's header limit bounds it.
		e.Exchange = &Exchange{
			Method: e.Method, URL: strings.Clone(req.URL.RequestURI()), Host: strings.Clone(req.Host),
			RequestHeader: req.Header.Clone(), RequestBody: c.body, RequestBodyElided: int(c.bodyElided),
			Status: c.Status, ResponseHeader: rec.Header().Clone(), ResponseBody: rec.body.Bytes(),
		}
	}
	s.journal.add(e)
	if s.cfg.onRequest != nil {
		s.cfg.onRequest(e)
	}
}
