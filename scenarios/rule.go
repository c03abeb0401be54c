package scenarios

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// compiled is a rule ready to run: header names canonical, globs and the answer built
// once, and its counters (guarded by the engine's lock). Everything but the counters
// is read-only once compiled, so matching needs no lock.
type compiled struct {
	rule      *Rule
	bucket    *glob // nil: no condition
	key       *glob
	id        *glob
	accessKey *glob
	account   *glob
	headers   []headerGlob
	delivery  *deliveryGlobs // nil for a request rule
	answer    answer         // nil when the rule does not decide the answer
	matched   uint64
	fired     uint64
}

type headerGlob struct {
	name string
	glob *glob
}

func compile(r *Rule) *compiled {
	m := &r.Match
	c := &compiled{rule: r, answer: answerFor(&r.Action),
		bucket: optionalGlob(m.Bucket), key: optionalGlob(m.Key), id: optionalGlob(m.ID),
		accessKey: optionalGlob(m.AccessKey), account: optionalGlob(m.Account), delivery: compileDelivery(m.Delivery)}
	for name, pattern := range m.Headers {
		c.headers = append(c.headers, headerGlob{http.CanonicalHeaderKey(name), newGlob(pattern)})
	}
	slices.SortFunc(c.headers, func(a, b headerGlob) int { return strings.Compare(a.name, b.name) })
	return c
}

// matches reports whether every given match field holds for call.
func (c *compiled) matches(call *mock.Call) bool {
	m := &c.rule.Match
	if c.delivery != nil { // a delivery rule matches no request
		return false
	}
	if !m.Operation.has(call.Operation) ||
		(m.Method != "" && !strings.EqualFold(m.Method, call.Method)) ||
		!globOK(c.bucket, call.Bucket) || !globOK(c.key, call.Key) || !globOK(c.id, call.ID) ||
		!globOK(c.accessKey, call.AccessKey) || !globOK(c.account, account(call)) {
		return false
	}
	for _, h := range c.headers {
		if !slices.ContainsFunc(call.Header[h.name], h.glob.match) {
			return false
		}
	}
	return true
}

// account is the caller's account: the fake resolves it before the hook runs; a Call
// made by hand without one counts as mock.DefaultAccount, as the fake would.
func account(call *mock.Call) string {
	if call.Account == "" {
		return mock.DefaultAccount
	}
	return call.Account
}

// optionalGlob compiles a match field; an empty one is no condition.
func optionalGlob(pattern string) *glob {
	if pattern == "" {
		return nil
	}
	return newGlob(pattern)
}

func globOK(g *glob, s string) bool { return g == nil || g.match(s) }

// triggers applies when to a request that matched; c.matched already counts it.
// The random source is drawn only when every other condition holds, so the pattern of
// a seeded probability depends only on the requests that could fire.
func (c *compiled) triggers(state string, rng *rand.Rand) bool {
	w := &c.rule.When
	n := c.matched
	switch {
	case w.State != "" && w.State != state:
		return false
	case n <= uint64(w.After):
		return false
	case w.Every > 0 && (n-uint64(w.After))%uint64(w.Every) != 0:
		return false
	case w.Times > 0 && c.fired >= uint64(w.Times):
		return false
	case w.Probability != nil && rng.Float64() >= *w.Probability:
		return false
	}
	return true
}

// clone copies the scenario so that the caller's later edits cannot reach a running
// engine. Nested values (maps, pointers) are shared: they are never written.
func (sc *Scenario) clone() *Scenario {
	c := *sc
	c.Rules = slices.Clone(sc.Rules)
	return &c
}
