package scenarios

import (
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// Builder writes a scenario in Go. Rule starts a rule; every method after it, up to
// the next Rule, sets a field of that rule. Build validates exactly as Parse does:
//
//	sc, err := scenarios.New().Seed(7).
//		Rule("throttle").On(mock.PutBucketInventoryConfiguration).Bucket("locked-*").
//		After(2).Fail(mock.TooManyConfigurations).
//		Build()
type Builder struct {
	sc    Scenario
	stray bool // a rule method was called before any Rule
}

// New starts an empty scenario (seed 0).
func New() *Builder { return &Builder{} }

// Seed seeds every random choice of the scenario.
func (b *Builder) Seed(seed uint64) *Builder { b.sc.Seed = seed; return b }

// Rule starts a new rule with a name, which must be unique.
func (b *Builder) Rule(name string) *Builder {
	b.sc.Rules = append(b.sc.Rules, Rule{Name: name})
	return b
}

// cur is the rule being written; methods before any Rule write to a placeholder
// rule that Build refuses.
func (b *Builder) cur() *Rule {
	if len(b.sc.Rules) == 0 {
		b.stray = true
		b.sc.Rules = append(b.sc.Rules, Rule{})
	}
	return &b.sc.Rules[len(b.sc.Rules)-1]
}

// On matches one or more operations (match.operation).
func (b *Builder) On(ops ...mock.Operation) *Builder {
	r := b.cur()
	r.Match.Operation = append(r.Match.Operation, ops...)
	return b
}

// Bucket matches a bucket glob (match.bucket).
func (b *Builder) Bucket(glob string) *Builder { b.cur().Match.Bucket = glob; return b }

// Key matches a glob of the object key of a read (match.key).
func (b *Builder) Key(glob string) *Builder { b.cur().Match.Key = glob; return b }

// ID matches a glob of the ?id value (match.id).
func (b *Builder) ID(glob string) *Builder { b.cur().Match.ID = glob; return b }

// Method matches an HTTP method (match.method).
func (b *Builder) Method(method string) *Builder { b.cur().Match.Method = method; return b }

// AccessKey matches a glob of the caller's access key id (match.accessKey).
func (b *Builder) AccessKey(glob string) *Builder { b.cur().Match.AccessKey = glob; return b }

// Account matches a glob of the caller's account id (match.account).
func (b *Builder) Account(glob string) *Builder { b.cur().Match.Account = glob; return b }

// Header matches a glob of a request header's value (match.headers).
func (b *Builder) Header(name, glob string) *Builder {
	r := b.cur()
	if r.Match.Headers == nil {
		r.Match.Headers = map[string]string{}
	}
	r.Match.Headers[name] = glob
	return b
}

// After lets the first n matches through (when.after).
func (b *Builder) After(n int) *Builder { b.cur().When.After = n; return b }

// Times fires at most n times (when.times).
func (b *Builder) Times(n int) *Builder { b.cur().When.Times = n; return b }

// Every fires on every n-th match (when.every).
func (b *Builder) Every(n int) *Builder { b.cur().When.Every = n; return b }

// Probability fires with chance p from the seeded source (when.probability).
func (b *Builder) Probability(p float64) *Builder { b.cur().When.Probability = &p; return b }

// InState fires only while the scenario is in state (when.state).
func (b *Builder) InState(state string) *Builder { b.cur().When.State = state; return b }

// Fail answers with a code of the error table (action.error).
func (b *Builder) Fail(code mock.ErrorCode) *Builder {
	b.cur().Action.Error = &ErrorSpec{Code: code}
	return b
}

// FailWith answers with an error whose message, status or headers differ from the
// table, or whose code is not in it (action.error as a mapping).
func (b *Builder) FailWith(e ErrorSpec) *Builder { b.cur().Action.Error = &e; return b }

// Delay adds a latency: Fixed, UniformLatency or LogNormalLatency (action.latency).
func (b *Builder) Delay(l *Latency) *Builder { b.cur().Action.Latency = l; return b }

// DelayFixed adds a fixed latency of d (action.latency.fixed).
func (b *Builder) DelayFixed(d time.Duration) *Builder { return b.Delay(Fixed(d)) }

// Bandwidth dribbles the body at bytesPerSecond (action.bandwidth).
func (b *Builder) Bandwidth(bytesPerSecond int64) *Builder {
	b.cur().Action.Bandwidth = Bandwidth(bytesPerSecond)
	return b
}

// Respond answers with a literal status, headers (may be nil) and body (action.respond).
func (b *Builder) Respond(status int, headers map[string]string, body string) *Builder {
	b.cur().Action.Respond = &Respond{Status: status, Headers: headers, Body: body}
	return b
}

// Fault breaks the connection: FaultReset, FaultClose, FaultHang, FaultTruncate or
// FaultMalformed (action.fault).
func (b *Builder) Fault(kind FaultKind) *Builder { b.cur().Action.Fault = &Fault{Kind: kind}; return b }

// FaultWith breaks the connection with a fault's parameters, such as
// Fault{Kind: FaultTruncate, Keep: &n}.
func (b *Builder) FaultWith(f Fault) *Builder { b.cur().Action.Fault = &f; return b }

// SetState moves the scenario to state after the rule fires (action.setState).
func (b *Builder) SetState(state string) *Builder { b.cur().Action.SetState = state; return b }

// Page reshapes List answers: pages of size configurations and a trap (action.page).
func (b *Builder) Page(size int, trap mock.PageTrap) *Builder {
	b.cur().Action.Page = &Page{Size: size, Trap: trap}
	return b
}

// Build validates and returns the scenario.
func (b *Builder) Build() (*Scenario, error) {
	sc := b.sc.clone()
	var p problems
	if b.stray {
		p.add("rules[0]", 0, "a rule method was called before Rule(name)")
	}
	sc.validate(&p)
	if err := p.result(sc, nil); err != nil {
		return nil, err
	}
	return sc, nil
}

// MustBuild is Build for tests and examples: it panics on an invalid scenario.
func (b *Builder) MustBuild() *Scenario {
	sc, err := b.Build()
	if err != nil {
		panic(err)
	}
	return sc
}
