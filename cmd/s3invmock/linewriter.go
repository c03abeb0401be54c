package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// logBufferBytes bounds the log lines waiting for stderr: about 250 request lines.
// Past it a line is dropped and counted, never waited for.
const logBufferBytes = 64 << 10

// batchDelay is how long the writer lets lines gather after the first one: at 30,000
// requests a second, about 30 lines (7 KiB) a write.
const batchDelay = time.Millisecond

// dropReportInterval spaces the lines that report drops while stderr is slow.
const dropReportInterval = time.Second

// lineWriter writes whole lines to out from one background goroutine, so that a
// request never waits for stderr. Lines wait in a buffer of at most limit bytes; a
// line that does not fit is dropped and counted, and the count is reported on out
// ("s3invmock: dropped N request log lines under back-pressure", N since the last
// report) once stderr takes lines again, at most once per dropReportInterval, and at
// Close.
type lineWriter struct {
	out   io.Writer
	limit int

	mu      sync.Mutex
	pending []byte // lines not yet handed to out; cap limit
	dropped uint64 // lines dropped since the start
	closed  bool

	wake   chan struct{} // a line is pending (buffered, 1)
	done   chan struct{} // closed by Close
	exited chan struct{} // closed when the goroutine has written its last line
}

func newLineWriter(out io.Writer, limit int) *lineWriter {
	w := &lineWriter{
		out: out, limit: limit, pending: make([]byte, 0, limit),
		wake: make(chan struct{}, 1), done: make(chan struct{}), exited: make(chan struct{}),
	}
	go w.run()
	return w
}

// Write queues one or more whole lines (slog's handlers write one record per call)
// and returns at once; it never fails.
func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.closed || len(w.pending)+len(p) > w.limit {
		w.dropped++
		w.mu.Unlock()
		return len(p), nil
	}
	w.pending = append(w.pending, p...)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
	return len(p), nil
}

// Dropped is the number of lines dropped so far.
func (w *lineWriter) Dropped() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.dropped
}

// Close writes every pending line and the last drop report, and stops the goroutine.
// It waits at most timeout for out and reports whether out took everything in time.
// Lines written after Close are dropped and counted. Close may be called more than
// once.
func (w *lineWriter) Close(timeout time.Duration) bool {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.done)
	}
	w.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-w.exited:
		return true
	case <-t.C:
		return false
	}
}

// run hands the pending lines to out, a buffer at a time: while out takes one, the
// next fills.
func (w *lineWriter) run() {
	defer close(w.exited)
	tick := time.NewTicker(dropReportInterval)
	defer tick.Stop()
	batch := make([]byte, 0, w.limit)
	var reported uint64
	var lastReport time.Time
	for {
		closing := false
		select {
		case <-w.wake:
		case <-tick.C:
		case <-w.done:
			closing = true
		}
		if !closing {
			// Let lines gather: one write for many, not a system call per request
			// (per line, writing was 2.4% of the binary's CPU on get-one).
			time.Sleep(batchDelay)
		}
		w.mu.Lock()
		batch, w.pending = w.pending, batch[:0]
		dropped := w.dropped
		w.mu.Unlock()
		if len(batch) > 0 {
			_, _ = w.out.Write(batch)
		}
		if dropped > reported && (closing || time.Since(lastReport) >= dropReportInterval) {
			fmt.Fprintf(w.out, "s3invmock: dropped %d request log lines under back-pressure\n", dropped-reported)
			reported, lastReport = dropped, time.Now()
		}
		if closing {
			return
		}
	}
}
