package scenarios

import (
	"net/http"
	"strconv"
)

// truncateFault lets the fake S3 answer into a buffer, then sends the headers with the
// full Content-Length and only the first half of the body, and closes the connection:
// clients see an unexpected EOF while reading the body. An answer without a body
// (HEAD, 204) has nothing to cut: its headers go out whole, then the connection closes.
type truncateFault struct{}

func (truncateFault) serve(ex *exchange) {
	buf := newBuffered()
	ex.next(buf, ex.r)
	buf.copyHeader(ex.w)
	ex.w.Header().Set("Content-Length", strconv.Itoa(buf.body.Len()))
	ex.w.WriteHeader(buf.status)
	_, _ = ex.w.Write(buf.body.Bytes()[:buf.body.Len()/2])
	_ = http.NewResponseController(ex.w).Flush()
	_ = hijack(ex.w).Close()
}
