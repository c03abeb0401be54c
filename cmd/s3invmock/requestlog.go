package main

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/s3invmock/s3invmock/mock"
)

// logHandler is the sidecar's slog handler: text or JSON lines into a lineWriter, so
// that no log line, a request's or any other, waits for stderr.
type logHandler struct {
	slog.Handler
	json   bool
	out    *lineWriter
	stamps stampCache
}

// newLogger is the sidecar's slog logger on w, as text or JSON lines, written by a
// background goroutine (closeLog flushes it).
func newLogger(format string, w io.Writer) *slog.Logger {
	out := newLineWriter(w, logBufferBytes)
	h := &logHandler{json: format == "json", out: out}
	if h.json {
		h.Handler = slog.NewJSONHandler(out, nil)
	} else {
		h.Handler = slog.NewTextHandler(out, nil)
	}
	return slog.New(h)
}

// closeLog writes what l's lines still wait for and stops its writer, waiting at most
// logFlushTimeout for stderr: a stderr nobody reads must not hold the exit.
func closeLog(l *slog.Logger) {
	if h, ok := l.Handler().(*logHandler); ok {
		h.out.Close(logFlushTimeout)
	}
}

// logFlushTimeout bounds closeLog's wait for stderr at exit.
const logFlushTimeout = 2 * time.Second

// requestLog returns the mock.WithOnRequest callback that logs one line per answered
// S3 request, with the journal's vocabulary: operation, bucket, id, status, code,
// duration and the scenario rules that fired. The line is the one slog writes, byte
// for byte (a spec holds the two equal), formatted into a reused buffer.
func requestLog(l *slog.Logger) func(mock.Entry) {
	h, ok := l.Handler().(*logHandler)
	if !ok {
		return slogRequestLog(l.Handler())
	}
	ctx := context.Background()
	return func(e mock.Entry) {
		if !h.Enabled(ctx, slog.LevelInfo) {
			return
		}
		bp := lineBuffers.Get().(*[]byte)
		// The answer's end, from the journal's own readings: the sidecar never sets the
		// fake's wall clock (mock.WithClock), so Time is time.Now at arrival, and a
		// third reading of the clock a request is not needed (85 ns here).
		now := e.Time.Add(e.Duration)
		if line, ok := appendRequestLine((*bp)[:0], h.json, e, now, &h.stamps); ok {
			h.out.Write(line)
			*bp = line
		} else {
			// A string JSON must escape, or a year past 9999: slog's own handler, which
			// allocates, writes the line.
			_ = h.Handle(ctx, requestRecord(e, now))
		}
		lineBuffers.Put(bp)
	}
}

// lineBuffers holds the buffers request lines are formatted into.
var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// slogRequestLog is the request log through slog alone: the reference the formatter
// is held to, and the path of a logger the sidecar did not make.
func slogRequestLog(h slog.Handler) func(mock.Entry) {
	ctx := context.Background()
	return func(e mock.Entry) {
		if h.Enabled(ctx, slog.LevelInfo) {
			_ = h.Handle(ctx, requestRecord(e, time.Now()))
		}
	}
}

// requestRecord is the slog record of one request. It has no program counter:
// Logger.LogAttrs would walk the stack for a source location no handler here prints.
func requestRecord(e mock.Entry, now time.Time) slog.Record {
	r := slog.NewRecord(now, slog.LevelInfo, "request", 0)
	r.AddAttrs(
		slog.String("operation", string(e.Operation)),
		slog.String("method", e.Method),
		slog.String("path", e.Path),
		slog.String("bucket", e.Bucket),
		slog.String("id", e.ID),
		slog.Int("status", e.Status),
		slog.String("code", string(e.ErrorCode)),
		slog.Duration("duration", e.Duration),
		slog.Any("rules", e.FiredRules),
		slog.String("request_id", e.RequestID),
	)
	return r
}

// appendRequestLine appends the line slog's text (or JSON) handler writes for
// requestRecord(e, now). ok is false when only slog can write it (JSON that needs
// escaping, a year outside 0-9999); b is then unspecified.
func appendRequestLine(b []byte, json bool, e mock.Entry, now time.Time, stamps *stampCache) ([]byte, bool) {
	if json {
		return appendJSONLine(b, e, now, stamps)
	}
	return appendTextLine(b, e, now, stamps), true
}

func appendTextLine(b []byte, e mock.Entry, now time.Time, stamps *stampCache) []byte {
	b = append(b, "time="...)
	b = stamps.appendMillis(b, now)
	b = append(b, " level=INFO msg=request operation="...)
	b = appendText(b, string(e.Operation))
	b = append(b, " method="...)
	b = appendText(b, e.Method)
	b = append(b, " path="...)
	b = appendText(b, e.Path)
	b = append(b, " bucket="...)
	b = appendText(b, e.Bucket)
	b = append(b, " id="...)
	b = appendText(b, e.ID)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, " code="...)
	b = appendText(b, string(e.ErrorCode))
	b = append(b, " duration="...)
	b = append(b, e.Duration.String()...)
	b = append(b, " rules="...)
	b = appendTextRules(b, e.FiredRules)
	b = append(b, " request_id="...)
	b = appendText(b, e.RequestID)
	return append(b, '\n')
}

// appendText is slog's text value of a string: as is, or quoted when it needs to be.
func appendText(b []byte, s string) []byte {
	if needsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

// appendTextRules is slog's text value of a []string: fmt's %+v ("[a b]"), quoted
// when it needs to be.
func appendTextRules(b []byte, rules []string) []byte {
	if len(rules) == 0 {
		return append(b, "[]"...)
	}
	start := len(b)
	b = append(b, '[')
	for i, r := range rules {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, r...)
	}
	b = append(b, ']')
	if !needsQuoting(string(b[start:])) {
		return b
	}
	// Quote the bytes just written: append the quoted form, then move it down.
	end := len(b)
	b = strconv.AppendQuote(b, string(b[start:end]))
	n := copy(b[start:], b[end:])
	return b[:start+n]
}

func appendJSONLine(b []byte, e mock.Entry, now time.Time, stamps *stampCache) ([]byte, bool) {
	if y := now.Year(); y < 0 || y >= 10000 {
		return b, false
	}
	for _, s := range [...]string{string(e.Operation), e.Method, e.Path, e.Bucket, e.ID, string(e.ErrorCode), e.RequestID} {
		if !jsonPlain(s) {
			return b, false
		}
	}
	for _, r := range e.FiredRules {
		if !jsonPlain(r) {
			return b, false
		}
	}
	b = append(b, `{"time":"`...)
	b = stamps.appendNano(b, now)
	b = append(b, `","level":"INFO","msg":"request","operation":"`...)
	b = append(b, e.Operation...)
	b = append(b, `","method":"`...)
	b = append(b, e.Method...)
	b = append(b, `","path":"`...)
	b = append(b, e.Path...)
	b = append(b, `","bucket":"`...)
	b = append(b, e.Bucket...)
	b = append(b, `","id":"`...)
	b = append(b, e.ID...)
	b = append(b, `","status":`...)
	b = strconv.AppendInt(b, int64(e.Status), 10)
	b = append(b, `,"code":"`...)
	b = append(b, e.ErrorCode...)
	b = append(b, `","duration":`...)
	b = strconv.AppendInt(b, int64(e.Duration), 10)
	b = append(b, `,"rules":`...)
	switch {
	case e.FiredRules == nil:
		b = append(b, "null"...)
	default:
		b = append(b, '[')
		for i, r := range e.FiredRules {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '"')
			b = append(b, r...)
			b = append(b, '"')
		}
		b = append(b, ']')
	}
	b = append(b, `,"request_id":"`...)
	b = append(b, e.RequestID...)
	return append(b, "\"}\n"...), true
}

// jsonPlain reports whether s is written into a JSON string as is, by slog and by
// encoding/json alike: printable ASCII but for the quote and the backslash, and none of
// the characters encoding/json escapes as HTML (slog does not, but rules go through
// encoding/json with HTML escaping off; excluding them costs nothing).
func jsonPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// needsQuoting is slog's rule (log/slog, text_handler.go) for quoting a text value.
func needsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			// Anything a JSON string would escape but the backslash, and space and '='.
			if b != '\\' && (b == ' ' || b == '=' || b < 0x20 || b == '"') {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
