package scenarios

// hangFault answers nothing until the client gives up (its context ends when net/http
// sees the connection go), the scenario is replaced or cleared, or the engine is
// closed; then it closes the connection without an answer. It never outlives any of
// those, so a server can always shut down.
type hangFault struct{}

func (hangFault) serve(ex *exchange) {
	select {
	case <-ex.r.Context().Done():
	case <-ex.gone:
	case <-ex.closed:
	}
	_ = hijack(ex.w).Close()
}
