package scenarios

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// Engine runs one scenario at a time against the requests of a mock.Server: it is the
// server's mock.Hook. It is safe for concurrent use; replacing or clearing the
// scenario, or closing the engine, releases every request that waits on it (latency,
// bandwidth, hang), so it never holds up a server's shutdown.
type Engine struct {
	mu sync.Mutex
	// run is the scenario in force, nil for none: every request passes. It is read
	// without mu, so that a request with no scenario takes no lock (one mutex shared
	// by every request on both cores, perf on get-one), and changed only under mu.
	run       atomic.Pointer[run]
	closed    chan struct{}
	closeOnce sync.Once
	after     func(time.Duration) <-chan time.Time
}

// EngineOption configures an Engine.
type EngineOption func(*Engine)

// WithAfter replaces time.After (the default) as the engine's only clock: latency and
// bandwidth pauses wait on the channel it returns. Tests pass one that records the
// duration and fires at once, to check delays without sleeping.
func WithAfter(after func(time.Duration) <-chan time.Time) EngineOption {
	return func(e *Engine) { e.after = after }
}

var _ mock.Hook = (*Engine)(nil)

// run is one installed scenario with its counters, state and random source.
type run struct {
	sc    *Scenario
	rules []*compiled
	rng   *rand.Rand
	state string
	gone  chan struct{} // closed when the scenario is replaced or cleared
}

// NewEngine returns an engine with no scenario: every request passes through until
// Replace installs one. It cannot fail; Replace is where a scenario is validated.
func NewEngine(opts ...EngineOption) *Engine {
	e := &Engine{closed: make(chan struct{})}
	for _, o := range opts {
		if o != nil { // NewEngine(nil), the old call for "no scenario yet", still compiles
			o(e)
		}
	}
	return e
}

// Replace validates sc and installs it in place of the current scenario, with fresh
// counters, the state Started and a random source seeded from sc.Seed. Requests that
// wait on the old scenario are released. A nil sc clears. An invalid sc returns its
// *ValidationError and leaves the current scenario in force.
func (e *Engine) Replace(sc *Scenario) error {
	var next *run
	if sc != nil {
		if err := sc.Validate(); err != nil {
			return err
		}
		next = newRun(sc)
	}
	e.mu.Lock()
	old := e.run.Swap(next)
	e.mu.Unlock()
	if old != nil {
		close(old.gone)
	}
	return nil
}

// Clear removes the scenario: every request reaches the fake S3 again.
func (e *Engine) Clear() { _ = e.Replace(nil) }

// Reset rewinds counters, state and random source without replacing the rules, so
// that a run can be replayed. Requests already waiting keep waiting.
func (e *Engine) Reset() {
	e.mu.Lock()
	if run := e.run.Load(); run != nil {
		run.rewind()
	}
	e.mu.Unlock()
}

// Close releases every waiting request (latency, bandwidth, hang) and clears the
// scenario, so later requests pass through untouched; a scenario installed after
// Close runs without any waiting. It is idempotent; call it before shutting the
// server down, since http.Server.Shutdown and httptest.Server.Close wait for
// requests in flight.
func (e *Engine) Close() error {
	e.closeOnce.Do(func() { close(e.closed) })
	e.Clear()
	return nil
}

func newRun(sc *Scenario) *run {
	sc = sc.clone()
	r := &run{sc: sc, gone: make(chan struct{})}
	for i := range sc.Rules {
		r.rules = append(r.rules, compile(&sc.Rules[i]))
	}
	r.rewind()
	return r
}

func (r *run) rewind() {
	r.state = StartState
	r.rng = rand.New(rand.NewPCG(r.sc.Seed, r.sc.Seed^0x9e3779b97f4a7c15))
	for _, c := range r.rules {
		c.matched, c.fired = 0, 0
	}
}

// plan is what the fired rules of one request decided, taken under the lock.
type plan struct {
	delay   time.Duration
	rate    Bandwidth
	page    *Page
	stale   *mock.StaleRead
	decider answer
	gone    <-chan struct{}
}

// Handle implements mock.Hook: it evaluates every rule in order on the state as the
// request found it, waits the summed latency, then lets the first deciding rule
// answer, or passes the request on to next.
func (e *Engine) Handle(w http.ResponseWriter, r *http.Request, call *mock.Call, next http.HandlerFunc) {
	p, ok := e.decide(call)
	if !ok {
		next(w, r)
		return
	}
	ctx := r.Context()
	if p.delay > 0 && e.sleep(ctx, p.gone, p.delay) != nil {
		return // the client is gone; nobody reads an answer
	}
	if p.rate > 0 {
		w = e.throttle(ctx, w, p.gone, p.rate)
	}
	if p.page != nil && call.Operation == mock.ListBucketInventoryConfigurations {
		call.PageSize, call.PageTrap = p.page.Size, p.page.Trap
	}
	if p.stale != nil && configurationOps.has(call.Operation) {
		call.Stale = p.stale
	}
	ex := &exchange{w: w, r: r, call: call, next: next, gone: p.gone, closed: e.closed}
	if p.decider != nil {
		p.decider.serve(ex)
		return
	}
	next(w, r)
}

// decide runs the rules; ok is false when no rule fired. The globs are matched before
// the lock is taken (compiled rules are read-only): a long id against long patterns
// costs its own request time, never another request's.
func (e *Engine) decide(call *mock.Call) (p plan, ok bool) {
	run := e.run.Load()
	if run == nil {
		return p, false
	}
	var small [64]bool
	hits := small[:0]
	for _, c := range run.rules {
		hits = append(hits, c.matches(call))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	// A scenario replaced meanwhile still decides this request, as the one it met;
	// its gone channel is closed, so its pauses end at once.
	arrived := run.state
	for i, c := range run.rules {
		if !hits[i] {
			continue
		}
		c.matched++
		if !c.triggers(arrived, run.rng) {
			continue
		}
		c.fired++
		ok = true
		call.FiredRules = append(call.FiredRules, c.rule.Name)
		a := &c.rule.Action
		p.delay = addDelay(p.delay, a.Latency.Sample(run.rng))
		if a.Bandwidth > 0 && (p.rate == 0 || a.Bandwidth < p.rate) {
			p.rate = a.Bandwidth
		}
		if p.page == nil {
			p.page = a.Page
		}
		if p.stale == nil && a.Stale != nil {
			p.stale = a.Stale.read(c.rule.Name)
		}
		if a.SetState != "" {
			run.state = a.SetState
		}
		if p.decider == nil {
			p.decider = c.answer
		}
	}
	p.gone = run.gone
	return p, ok
}

// sleep waits d; a cleared or replaced scenario or a closed engine cuts it short
// (the request then goes on), a cancelled request ends it with the context's error.
func (e *Engine) sleep(ctx context.Context, gone <-chan struct{}, d time.Duration) error {
	var fire <-chan time.Time
	if e.after != nil {
		fire = e.after(d)
	} else {
		t := time.NewTimer(d)
		defer t.Stop()
		fire = t.C
	}
	select {
	case <-fire:
	case <-gone:
	case <-e.closed:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}
