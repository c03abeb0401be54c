package main

import (
	"strconv"
	"sync/atomic"
	"time"
)

// stampCache holds the formatted second of the last log line, which most lines
// share: formatting the date and the zone was a fifth of a line's cost.
type stampCache struct{ last atomic.Pointer[stamp] }

// stamp is one second of one location, formatted as RFC 3339 does.
type stamp struct {
	sec  int64
	loc  *time.Location
	head []byte // 2006-01-02T15:04:05
	zone []byte // Z or +05:30
}

// get is the stamp of t's second, or nil for a year outside 0-9999 (whose layout is
// not 19 bytes).
func (c *stampCache) get(t time.Time) *stamp {
	sec, loc := t.Unix(), t.Location()
	if s := c.last.Load(); s != nil && s.sec == sec && s.loc == loc {
		return s
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return nil
	}
	const headLen = len("2006-01-02T15:04:05")
	b := t.AppendFormat(make([]byte, 0, 32), time.RFC3339)
	s := &stamp{sec: sec, loc: loc, head: b[:headLen], zone: b[headLen:]}
	c.last.Store(s)
	return s
}

// appendMillis is slog's text time (appendRFC3339Millis): RFC 3339 with exactly
// three digits of milliseconds.
func (c *stampCache) appendMillis(b []byte, t time.Time) []byte {
	s := c.get(t)
	if s == nil {
		return appendRFC3339Millis(b, t)
	}
	b = append(b, s.head...)
	ms := t.Nanosecond() / 1e6
	b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(b, s.zone...)
}

// appendNano is t in time.RFC3339Nano, as slog's JSON handler writes it.
func (c *stampCache) appendNano(b []byte, t time.Time) []byte {
	s := c.get(t)
	if s == nil {
		return t.AppendFormat(b, time.RFC3339Nano)
	}
	b = append(b, s.head...)
	if ns := t.Nanosecond(); ns != 0 {
		n := len(b)
		b = strconv.AppendInt(append(b, '.'), int64(1e9+ns), 10) // .1xxxxxxxxx
		copy(b[n+1:], b[n+2:])
		b = b[:len(b)-1]
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
	}
	return append(b, s.zone...)
}

// appendRFC3339Millis is slog's text time (log/slog, handler.go): RFC 3339 with
// exactly three digits of milliseconds.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...) // drop the 4th digit
}
