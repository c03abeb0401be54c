package scenarios

import (
	"net"
	"net/http"

	"github.com/s3invmock/s3invmock/mock"
)

// answer is one way a fired rule answers a request instead of the fake S3: an
// injected error, a literal response, or a connection fault. Each kind lives in its
// own file.
type answer interface {
	serve(ex *exchange)
}

// exchange is one request as an answer sees it.
type exchange struct {
	w      http.ResponseWriter
	r      *http.Request
	call   *mock.Call
	next   http.HandlerFunc
	gone   <-chan struct{} // the scenario was replaced or cleared
	closed <-chan struct{} // the engine was closed
}

// answerFor builds the answer of an action once, when the scenario is installed.
func answerFor(a *Action) answer {
	switch {
	case a.Error != nil:
		return injectedError{err: a.Error.toError()}
	case a.Respond != nil:
		return literal{a.Respond}
	}
	if a.Fault == nil {
		return nil
	}
	switch f := a.Fault; f.Kind {
	case FaultReset:
		return resetFault{}
	case FaultClose:
		return closeFault{}
	case FaultHang:
		return hangFault{limit: f.For}
	case FaultTruncate:
		return truncateFault{keep: f.Keep}
	case FaultMalformed:
		return malformedFault{}
	}
	return nil
}

// hijack takes the connection from net/http (through any writer that unwraps). When
// the writer cannot give it up (HTTP/2, a recorder) it aborts the handler instead,
// which net/http turns into a broken stream or connection.
func hijack(w http.ResponseWriter) net.Conn {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	return conn
}
