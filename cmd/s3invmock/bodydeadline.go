package main

import (
	"io"
	"net/http"
	"time"
)

// bodyTimeout bounds how long a client may take to send a request body once the
// fake starts reading it. Choice: S3 answers a stalled upload with RequestTimeout after about
// 20 s; bodies here are at most 1 MiB, which even 1 Mbit/s sends in 8 s.
const bodyTimeout = 10 * time.Second

// withBodyDeadline puts a read deadline on request bodies only, from the first read
// to the last: a body that never finishes is cut off (the fake answers IncompleteBody)
// instead of holding a goroutine forever. http.Server.ReadTimeout would start at the
// request line and stay in force while the handler runs; when it expires the server
// cancels the request's context, which would end any latency fault longer than it,
// and a PUT held by a scenario would find its body timed out.
func withBodyDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
			// A copy: net/http looks at its own request's body afterwards to decide
			// whether to drain the rest or close (a 1 GiB body is never drained).
			r = r.WithContext(r.Context())
			r.Body = &deadlineBody{ReadCloser: r.Body, rc: http.NewResponseController(w)}
		}
		next.ServeHTTP(w, r)
	})
}

// deadlineBody sets the read deadline at its first read and lifts it once the body
// has been read to its end. After a failure the deadline stays: net/http's drain of
// the rest then fails at once and the connection is closed.
type deadlineBody struct {
	io.ReadCloser
	rc            *http.ResponseController
	started, done bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	if !b.started {
		b.started = true
		_ = b.rc.SetReadDeadline(time.Now().Add(bodyTimeout))
	}
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		_ = b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}
