package scenarios

import (
	"bytes"
	"strconv"
)

// malformedTail makes any XML prefix ill-formed: an unclosed comment never ends.
const malformedTail = "<!-- s3invmock: malformed fault"

// malformedFault lets the fake S3 answer into a buffer, then sends the real status and
// headers with a body that is not well-formed XML: the first half of the real body
// and an unclosed comment. Exercises a client's handling of unparsable answers.
// Answers without a body (HEAD, 204) pass unchanged: they have no XML to break.
type malformedFault struct{}

func (malformedFault) serve(ex *exchange) {
	buf := newBuffered()
	ex.next(buf, ex.r)
	buf.copyHeader(ex.w)
	body := buf.body.Bytes()
	if len(body) > 0 {
		body = append(bytes.Clone(body[:len(body)/2]), malformedTail...)
		ex.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	ex.w.WriteHeader(buf.status)
	_, _ = ex.w.Write(body)
}
