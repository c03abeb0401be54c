package main

import (
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// bodyTimeout bounds how long a client may take to send a request body once the
// fake starts reading it. Choice: S3 answers a stalled upload with RequestTimeout after about
// 20 s; bodies here are at most 1 MiB, which even 1 Mbit/s sends in 8 s.
const bodyTimeout = 10 * time.Second

// deadlineBody puts a read deadline on a request body only, from the first read to
// the last: a body that never finishes is cut off (the fake answers IncompleteBody)
// instead of holding a goroutine forever. http.Server.ReadTimeout would start at the
// request line and stay in force while the handler runs; when it expires the server
// cancels the request's context, which would end any latency fault longer than it,
// and a PUT held by a scenario would find its body timed out.
//
// It sets the deadline at its first read and lifts it once the body has been read to
// its end (EOF, or as many bytes as declared). After a failure the deadline stays: net/http's drain of the rest then
// fails at once and the connection is closed. It counts what was read, so that the
// answer can tell whether the declared body is still on the wire (answerWriter).
type deadlineBody struct {
	io.ReadCloser
	rc       *http.ResponseController
	timeout  time.Duration // bodyTimeout but in specs
	clock    monoClock
	declared int64 // Content-Length, -1 when chunked
	read     int64
	started  bool
	// done is read by the answer while a recording proxy's transport may still be
	// reading the body in its own goroutine.
	done atomic.Bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	if !b.started {
		b.started = true
		_ = b.rc.SetReadDeadline(b.clock.now().Add(b.timeout))
	}
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	if !b.done.Load() && (err == io.EOF || b.declared > 0 && b.read >= b.declared) {
		b.done.Store(true)
		// net/http lifts the deadline itself when its body reports EOF: it starts its
		// background read of the connection, which clears the read deadline first (Go
		// 1.26 connReader.startBackgroundRead), and a declared length ends with EOF on
		// its last bytes. Only a body that ends some other way is lifted here.
		if err != io.EOF {
			_ = b.rc.SetReadDeadline(time.Time{})
		}
	}
	return n, err
}

// consumed reports whether the whole declared body has been read.
func (b *deadlineBody) consumed() bool { return b.done.Load() }
