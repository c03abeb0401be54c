package scenarios

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// slices per second: the body goes out in pieces of a tenth of the rate, each flushed,
// so that a slow-body client sees bytes trickle rather than arrive in one late burst.
const bandwidthTicks = 10

// throttled dribbles a response body at a fixed rate. A replaced or cleared scenario
// or a closed engine lets the rest go at full speed; a gone client ends the write.
type throttled struct {
	http.ResponseWriter
	e    *Engine
	ctx  context.Context
	gone <-chan struct{}
	rate Bandwidth
}

func (e *Engine) throttle(ctx context.Context, w http.ResponseWriter, gone <-chan struct{}, rate Bandwidth) http.ResponseWriter {
	return &throttled{ResponseWriter: w, e: e, ctx: ctx, gone: gone, rate: rate}
}

var errClientGone = errors.New("scenarios: client went away during a bandwidth-limited answer")

// Write sends p in flushed pieces, pausing after each as the rate says.
func (t *throttled) Write(p []byte) (int, error) {
	chunk := max(1, int(t.rate)/bandwidthTicks)
	rc := http.NewResponseController(t.ResponseWriter)
	n := 0
	for len(p) > 0 {
		if t.free() {
			m, err := t.ResponseWriter.Write(p)
			return n + m, err
		}
		c := min(len(p), chunk)
		m, err := t.ResponseWriter.Write(p[:c])
		n += m
		if err != nil {
			return n, err
		}
		_ = rc.Flush()
		p = p[c:]
		pause := time.Duration(c) * time.Second / time.Duration(t.rate)
		if t.e.sleep(t.ctx, t.gone, pause) != nil {
			return n, errClientGone
		}
	}
	return n, nil
}

// free reports whether the limit no longer applies.
func (t *throttled) free() bool {
	select {
	case <-t.gone:
		return true
	case <-t.e.closed:
		return true
	default:
		return false
	}
}

// Flush passes a flush on.
func (t *throttled) Flush() { _ = http.NewResponseController(t.ResponseWriter).Flush() }

// Unwrap lets http.ResponseController reach the connection under the limit.
func (t *throttled) Unwrap() http.ResponseWriter { return t.ResponseWriter }
