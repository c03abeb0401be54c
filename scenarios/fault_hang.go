package scenarios

import "time"

// hangFault answers nothing until the client gives up (its context ends when net/http
// sees the connection go), the scenario is replaced or cleared, the engine is closed,
// or its limit passes; then it closes the connection without an answer. It never
// outlives any of those, so a server can always shut down.
type hangFault struct{ limit *Duration }

func (f hangFault) serve(ex *exchange) {
	var limit <-chan time.Time
	if f.limit != nil {
		t := time.NewTimer(time.Duration(*f.limit))
		defer t.Stop()
		limit = t.C
	}
	select {
	case <-ex.r.Context().Done():
	case <-ex.gone:
	case <-ex.closed:
	case <-limit:
	}
	_ = hijack(ex.w).Close()
}
