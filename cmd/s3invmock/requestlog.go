package main

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// newLogger is the sidecar's slog logger on w, as text or JSON lines.
func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// requestLog returns the mock.WithOnRequest callback that logs one line per answered
// S3 request, with the journal's vocabulary: operation, bucket, id, status, code,
// duration and the scenario rules that fired.
func requestLog(l *slog.Logger) func(mock.Entry) {
	h := l.Handler()
	ctx := context.Background()
	return func(e mock.Entry) {
		if !h.Enabled(ctx, slog.LevelInfo) {
			return
		}
		// A Record with no program counter: Logger.LogAttrs would walk the stack for
		// a source location no handler here prints (a tenth of the binary's CPU on Get).
		r := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
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
		_ = h.Handle(ctx, r)
	}
}
