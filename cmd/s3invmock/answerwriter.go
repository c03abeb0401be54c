package main

import (
	"bufio"
	"net"
	"net/http"
	"time"
)

// unreadBodyDrain bounds how long net/http may read, after the answer, a declared
// request body the handler did not read (a 404 NoSuchBucket to a PUT, a 405, a 401 of
// the control API, /_mock/health). net/http drains up to 256 KiB of such a body to
// keep the connection, with no deadline: a client that declares Content-Length: 100
// and sends nothing held its connection, and one file descriptor, for ever; 140 of
// them under an open-files limit of 128 locked every other client out. Choice: a
// body already on its way arrives well within a second on any network a sidecar
// serves; one that does not is not coming.
const unreadBodyDrain = time.Second

// withConnLimits is the sidecar's guard around every request on its listener:
//   - a request body gets a read deadline from its first read (deadlineBody);
//   - an answer given while the declared body is still unread goes out at once with
//     Connection: close, and the drain net/http does afterwards is bounded by
//     unreadBodyDrain, so the connection is then closed;
//   - every write of the answer must make progress within writeTimeout, or the
//     connection is cut: a client that reads one byte a second cannot hold it.
//
// The write deadline is set again before each write rather than once per request
// (http.Server.WriteTimeout): a latency fault waits without writing, and a bandwidth
// fault writes slowly but steadily, and neither must be cut.
func withConnLimits(next http.Handler, limits connLimits) http.Handler {
	clock := monoClock{base: time.Now()}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g := &guard{rc: *http.NewResponseController(w)}
		aw := &g.aw
		*aw = answerWriter{ResponseWriter: w, rc: &g.rc, timeout: limits.write, clock: clock}
		if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
			// A copy: net/http looks at its own request's body afterwards to decide
			// whether to drain the rest or close (a 1 GiB body is never drained).
			gb := &guardedBody{req: *r}
			gb.body = deadlineBody{ReadCloser: r.Body, rc: &g.rc, declared: r.ContentLength, timeout: limits.body, clock: clock}
			r = &gb.req
			aw.body = &gb.body
			r.Body = aw.body
		}
		// The first deadline of the request: net/http clears the last request's when
		// it finishes (Go 1.26, whatever the server's WriteTimeout).
		aw.progress()
		next.ServeHTTP(aw, r)
		aw.answering()
		aw.progress() // net/http writes the buffered rest after the handler returns
	})
}

// connLimits are withConnLimits' bounds: each write of an answer (-write-timeout), and a
// request body from its first read (bodyTimeout).
type connLimits struct{ write, body time.Duration }

// connLimits are the bounds serve and record put on their listener.
func (c Config) connLimits() connLimits { return connLimits{write: c.WriteTimeout, body: bodyTimeout} }

// guard is what withConnLimits keeps for every request, in one allocation;
// guardedBody is what it adds for a request with a body. They were five allocations
// of a Put (the request copy, the controller, the writer, the body).
type guard struct {
	aw answerWriter
	rc http.ResponseController
}

type guardedBody struct {
	body deadlineBody
	req  http.Request
}

// monoClock reads the monotonic clock alone, which is all a deadline needs: one vDSO
// call where time.Now makes two (52 ns against 87 on the 2-core CI machine). Its
// times carry base's wall reading moved by the monotonic one.
type monoClock struct{ base time.Time }

func (m monoClock) now() time.Time { return m.base.Add(time.Since(m.base)) }

// answerWriter applies withConnLimits' rules to the answer as it is written. It
// passes Flush and Hijack through, which slow bodies and connection faults need.
type answerWriter struct {
	http.ResponseWriter
	rc       *http.ResponseController
	timeout  time.Duration
	clock    monoClock
	body     *deadlineBody // nil for a request without a body
	answered bool          // headers are (about to be) written
	hijacked bool          // a connection fault owns the connection
	own      bool          // the handler set its own write deadline
	deadline time.Time     // the write deadline progress last set, zero before the first
}

// deadlineSlack: progress leaves the write deadline in place while it is within
// writeTimeout/deadlineSlack of where it would set it, so that a stalled write may be
// cut up to a twentieth (1 s of the default 20 s) early. Setting a deadline takes the
// poller's lock and re-arms a runtime timer; four of them a request (start, headers,
// body, end) were 5% of the binary's CPU on put-replace (perf), for a deadline that
// moved by microseconds. The first is always set: net/http clears the write deadline
// after every request on a kept-alive connection, whatever the server's WriteTimeout.
const deadlineSlack = 20

// answering runs once, before the first byte of the answer: when the declared body
// has not been read, the connection cannot be reused and is closed after the answer.
// Without Connection: close net/http would drain the body before writing the
// headers, with no deadline.
func (a *answerWriter) answering() {
	if a.answered || a.hijacked {
		return
	}
	a.answered = true
	if a.body == nil || a.body.consumed() {
		return
	}
	a.Header().Set("Connection", "close")
	_ = a.rc.SetReadDeadline(a.clock.now().Add(unreadBodyDrain))
}

// progress gives the next write writeTimeout to complete, less at most
// writeTimeout/deadlineSlack (see deadlineSlack). The times keep their monotonic
// reading, so a step of the wall clock moves neither.
func (a *answerWriter) progress() {
	if a.own || a.hijacked {
		return
	}
	want := a.clock.now().Add(a.timeout)
	if !a.deadline.IsZero() {
		if ahead := want.Sub(a.deadline); ahead >= 0 && ahead < a.timeout/deadlineSlack {
			return
		}
	}
	if a.rc.SetWriteDeadline(want) == nil {
		a.deadline = want
	}
}

func (a *answerWriter) WriteHeader(status int) {
	if status >= 200 { // a 1xx is not the answer
		a.answering()
	} else {
		// net/http writes a 1xx at once; the answer's headers wait in its buffer for
		// the first Write, Flush or the end of the handler, each of which makes
		// progress, so the answer's WriteHeader reads no clock.
		a.progress()
	}
	a.ResponseWriter.WriteHeader(status)
}

func (a *answerWriter) Write(p []byte) (int, error) {
	a.answering()
	a.progress()
	return a.ResponseWriter.Write(p)
}

// Flush sends what is buffered, for bandwidth-limited bodies.
func (a *answerWriter) Flush() {
	a.answering()
	a.progress()
	_ = a.rc.Flush()
}

// Hijack hands the connection to a fault that breaks it; the fault owns it from now.
func (a *answerWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := a.rc.Hijack()
	if err == nil {
		a.hijacked = true
	}
	return conn, rw, err
}

// SetWriteDeadline is a handler's own deadline for the rest of the answer (through
// http.ResponseController); it replaces the per-write one.
func (a *answerWriter) SetWriteDeadline(t time.Time) error {
	a.own = true
	return a.rc.SetWriteDeadline(t)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (a *answerWriter) Unwrap() http.ResponseWriter { return a.ResponseWriter }
