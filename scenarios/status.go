package scenarios

// Status is a snapshot of the engine: the running scenario's document with each rule's
// counters, and the current state. Its JSON is what GET /_mock/scenarios returns.
type Status struct {
	// Active is false when no scenario is installed.
	Active bool   `json:"active"`
	Seed   uint64 `json:"seed,omitempty"`
	// State is the scenario's state now (Started until a rule's setState moves it).
	State string       `json:"state,omitempty"`
	Rules []RuleStatus `json:"rules"`
}

// RuleStatus is a rule as written, with how many requests matched it and how many of
// those it fired on.
type RuleStatus struct {
	Rule
	Matched uint64 `json:"matched"`
	Fired   uint64 `json:"fired"`
}

// Status returns the current scenario, counters and state.
func (e *Engine) Status() Status {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := Status{Rules: []RuleStatus{}}
	run := e.run.Load()
	if run == nil {
		return st
	}
	st.Active, st.Seed, st.State = true, run.sc.Seed, run.state
	for _, c := range run.rules {
		st.Rules = append(st.Rules, RuleStatus{Rule: *c.rule, Matched: c.matched, Fired: c.fired})
	}
	return st
}

// Scenario returns a copy of the running scenario, nil when there is none.
func (e *Engine) Scenario() *Scenario {
	e.mu.Lock()
	defer e.mu.Unlock()
	run := e.run.Load()
	if run == nil {
		return nil
	}
	return run.sc.clone()
}
