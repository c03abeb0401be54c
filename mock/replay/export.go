package replay

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// EndState is the scenario state after the last recorded request: from then on every
// request reaches the fake S3.
const EndState = "replayed"

// droppedHeaders are the recorded response headers a replay does not repeat: the
// fake writes its own Date, request ids and Server on every answer, and net/http
// owns the framing.
var droppedHeaders = map[string]bool{
	"Date": true, "X-Amz-Request-Id": true, "X-Amz-Id-2": true, "Server": true,
	"Content-Length": true, "Connection": true, "Keep-Alive": true, "Transfer-Encoding": true,
}

// NoExchangeError is returned by Export for entries kept without their exchange
// (capture was off when they were answered).
type NoExchangeError struct {
	// Seqs are the journal sequence numbers of those entries.
	Seqs []uint64
}

func (e *NoExchangeError) Error() string {
	return fmt.Sprintf("replay: %d journal entries have no exchange (first seq %d): switch capture on "+
		"(mock.WithCapture, S3INVMOCK_CAPTURE, the control API) before the requests", len(e.Seqs), e.Seqs[0])
}

// Export turns journal entries, oldest first, into a bundle. seed is the state
// before the first entry; nil infers it from the recorded answers (see InferSeed).
// Every entry needs its exchange, else Export returns a *NoExchangeError.
func Export(entries []mock.Entry, seed *mock.State) (*Bundle, error) {
	var missing []uint64
	for _, e := range entries {
		if e.Exchange == nil {
			missing = append(missing, e.Seq)
		}
	}
	if len(missing) > 0 {
		return nil, &NoExchangeError{Seqs: missing}
	}
	if seed == nil {
		seed = InferSeed(entries)
	}
	sc := &scenarios.Scenario{Rules: make([]scenarios.Rule, 0, len(entries))}
	for i, e := range entries {
		sc.Rules = append(sc.Rules, step(i, len(entries), e))
	}
	return &Bundle{Seed: seed, Scenario: sc}, nil
}

// stepState names the state in which the i-th (0-based) recorded request is answered.
func stepState(i int) string {
	if i == 0 {
		return scenarios.StartState
	}
	return fmt.Sprintf("step-%03d", i+1)
}

// step is the rule that answers the i-th recorded request as it was answered.
func step(i, n int, e mock.Entry) scenarios.Rule {
	ex := e.Exchange
	r := scenarios.Rule{
		Name: fmt.Sprintf("%03d %s %s", i+1, e.Method, e.Operation),
		Match: scenarios.Match{
			Operation: scenarios.Operations{e.Operation},
			Method:    e.Method,
			Bucket:    e.Bucket,
			ID:        e.ID,
		},
		When:   scenarios.When{State: stepState(i)},
		Action: scenarios.Action{SetState: EndState},
	}
	if i+1 < n {
		r.Action.SetState = stepState(i + 1)
	}
	if ex.Status == 0 {
		// Nothing was answered: the connection broke.
		r.Action.Fault = &scenarios.Fault{Kind: scenarios.FaultReset}
		return r
	}
	resp := &scenarios.Respond{Status: ex.Status, Body: string(ex.ResponseBody)}
	for k, vs := range ex.ResponseHeader {
		k = http.CanonicalHeaderKey(k)
		if droppedHeaders[k] || len(vs) == 0 {
			continue
		}
		if resp.Headers == nil {
			resp.Headers = map[string]string{}
		}
		resp.Headers[k] = strings.Join(vs, ", ")
	}
	r.Action.Respond = resp
	return r
}

// Recording is a capture in progress on one server, from Begin to Bundle.
type Recording struct {
	srv   *mock.Server
	seed  *mock.State
	after uint64
}

// Begin snapshots srv's state as the seed, switches capture on and marks the journal,
// so that Bundle exports exactly the requests answered from now on.
func Begin(srv *mock.Server) *Recording {
	rec := &Recording{srv: srv, seed: srv.State()}
	if j := srv.Journal(); len(j) > 0 {
		rec.after = j[len(j)-1].Seq
	}
	srv.SetCapture(true)
	return rec
}

// Bundle exports the requests answered since Begin, with the state at Begin as seed.
func (r *Recording) Bundle() (*Bundle, error) {
	var entries []mock.Entry
	for _, e := range r.srv.Journal() {
		if e.Seq > r.after {
			entries = append(entries, e)
		}
	}
	return Export(entries, r.seed)
}
