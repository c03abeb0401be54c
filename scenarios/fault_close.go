package scenarios

// closeFault closes the connection without a byte of answer: clients see EOF.
type closeFault struct{}

func (closeFault) serve(ex *exchange) { _ = hijack(ex.w).Close() }
