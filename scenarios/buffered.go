package scenarios

import (
	"bytes"
	"net/http"
)

// buffered is a ResponseWriter that keeps the fake S3's answer so a fault can reshape
// it before anything reaches the client.
type buffered struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func newBuffered() *buffered { return &buffered{header: http.Header{}, status: http.StatusOK} }

// Header is the buffered answer's header.
func (b *buffered) Header() http.Header { return b.header }

// WriteHeader keeps the first status written.
func (b *buffered) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

// Write keeps the body.
func (b *buffered) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}

// copyHeader gives w the buffered headers.
func (b *buffered) copyHeader(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range b.header {
		h[k] = v
	}
}
