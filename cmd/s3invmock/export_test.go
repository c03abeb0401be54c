package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// AppendRequestLine is the sidecar's request line for e at now, and whether the
// formatter (not slog) wrote it.
func AppendRequestLine(json bool, e mock.Entry, now time.Time) (string, bool) {
	b, ok := appendRequestLine(nil, json, e, now, &testStamps)
	if !ok {
		return SlogRequestLine(json, e, now), false
	}
	return string(b), true
}

// testStamps is shared by every AppendRequestLine, so that the specs and the fuzz
// target see the cache both hit and miss.
var testStamps stampCache

// SlogRequestLine is the same line as slog's own handler writes it: the reference.
func SlogRequestLine(json bool, e mock.Entry, now time.Time) string {
	var buf bytes.Buffer
	var h slog.Handler = slog.NewTextHandler(&buf, nil)
	if json {
		h = slog.NewJSONHandler(&buf, nil)
	}
	_ = h.Handle(context.Background(), requestRecord(e, now))
	return buf.String()
}

// RequestLog is the sidecar's request log on w, with the function that flushes it.
func RequestLog(format string, w io.Writer) (func(mock.Entry), func()) {
	l := newLogger(format, w)
	return requestLog(l), func() { closeLog(l) }
}

// SlogRequestLog is the request log through slog alone, as it was before the
// formatter, on w.
func SlogRequestLog(format string, w io.Writer) func(mock.Entry) {
	if format == "json" {
		return slogRequestLog(slog.NewJSONHandler(w, nil))
	}
	return slogRequestLog(slog.NewTextHandler(w, nil))
}

// WithConnLimits is the sidecar's guard around a handler, with writeTimeout.
func WithConnLimits(next http.Handler, writeTimeout time.Duration) http.Handler {
	return withConnLimits(next, connLimits{write: writeTimeout, body: bodyTimeout})
}

// WithBodyTimeout is withConnLimits with a body timeout shorter than bodyTimeout.
func WithBodyTimeout(next http.Handler, writeTimeout, body time.Duration) http.Handler {
	return withConnLimits(next, connLimits{write: writeTimeout, body: body})
}

// GCPercentFor is the GC percent tuneGC sets for a live heap of live bytes.
var GCPercentFor = gcPercentFor
