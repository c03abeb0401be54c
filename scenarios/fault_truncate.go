package scenarios

import (
	"net/http"
	"strconv"
)

// truncateFault lets the fake S3 answer into a buffer, then sends the headers with the
// full Content-Length and only the first half of the body (or keep bytes), and closes
// the connection: clients see an unexpected EOF while reading the body. An answer
// without a body (HEAD, 204) has nothing to cut: its headers go out whole, then the
// connection closes.
type truncateFault struct{ keep *int64 }

func (f truncateFault) serve(ex *exchange) {
	buf := newBuffered()
	ex.next(buf, ex.r)
	buf.copyHeader(ex.w)
	ex.w.Header().Set("Content-Length", strconv.Itoa(buf.body.Len()))
	ex.w.WriteHeader(buf.status)
	n := int64(buf.body.Len() / 2)
	if f.keep != nil {
		n = min(*f.keep, int64(buf.body.Len()))
	}
	_, _ = ex.w.Write(buf.body.Bytes()[:n])
	_ = http.NewResponseController(ex.w).Flush()
	_ = hijack(ex.w).Close()
}
