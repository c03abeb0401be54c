package scenarios

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/suggest"
)

// Validate checks a scenario the same way Parse does (without lines): names, known
// operations and codes, no negative numbers, probabilities within 0..1, one latency
// kind, at most one of error, respond and fault. It returns a *ValidationError or nil.
func (sc *Scenario) Validate() error {
	var p problems
	sc.validate(&p)
	return p.result(sc, nil)
}

func (sc *Scenario) validate(p *problems) {
	first := map[string]int{}
	for i := range sc.Rules {
		r := &sc.Rules[i]
		path := "rules[" + strconv.Itoa(i) + "]"
		switch j, dup := first[r.Name]; {
		case r.Name == "":
			p.add(path+".name", 0, "is required")
		case dup:
			p.add(path+".name", 0, "%q is already the name of rules[%d]", r.Name, j)
		default:
			first[r.Name] = i
		}
		r.Match.validate(p, path+".match")
		r.When.validate(p, path+".when")
		r.Action.validate(p, path+".action", r.Match.Operation)
		r.validateDelivery(p, path)
	}
}

// matchable are the operation names a rule may match.
var matchable = append(mock.Operations(), mock.UnsupportedOperation)

func (m *Match) validate(p *problems, path string) {
	for i, op := range m.Operation {
		if slices.Contains(matchable, op) {
			continue
		}
		at := path + ".operation"
		if len(m.Operation) > 1 {
			at += "[" + strconv.Itoa(i) + "]"
		}
		p.add(at, 0, "unknown operation %q; known: %s", op, joinNames(matchable))
	}
	if m.Method != "" && !isToken(m.Method) {
		p.add(path+".method", 0, "%q is not an HTTP method", m.Method)
	}
	for _, f := range []struct{ key, glob string }{
		{"bucket", m.Bucket}, {"key", m.Key}, {"id", m.ID}, {"accessKey", m.AccessKey}, {"account", m.Account},
	} {
		checkGlobLength(p, path+"."+f.key, f.glob)
	}
	for name, glob := range m.Headers {
		if !isToken(name) {
			p.add(path+".headers."+name, 0, "%q is not a header name", name)
		}
		checkGlobLength(p, path+".headers."+name, glob)
	}
}

// checkGlobLength refuses a glob longer than MaxGlobBytes: no value it could match is
// that long, and the matcher's work per input byte grows with the pattern.
func checkGlobLength(p *problems, path, glob string) {
	if len(glob) > MaxGlobBytes {
		p.add(path, 0, "is %d bytes long; a glob is at most %d", len(glob), MaxGlobBytes)
	}
}

func (w *When) validate(p *problems, path string) {
	for _, f := range []struct {
		key string
		v   int
	}{{"after", w.After}, {"times", w.Times}, {"every", w.Every}} {
		if f.v < 0 {
			p.add(path+"."+f.key, 0, "must not be negative, got %d", f.v)
		}
	}
	if pr := w.Probability; pr != nil && (math.IsNaN(*pr) || *pr < 0 || *pr > 1) {
		p.add(path+".probability", 0, "must be within 0..1, got %v", *pr)
	}
}

func (a *Action) validate(p *problems, path string, ops Operations) {
	deciders := 0
	for _, set := range []bool{a.Error != nil, a.Respond != nil, a.Fault != nil} {
		if set {
			deciders++
		}
	}
	if deciders > 1 {
		p.add(path, 0, "error, respond and fault each decide the answer: give one of them")
	}
	if e := a.Error; e != nil {
		switch {
		case e.Code == "":
			p.add(path+".error", 0, "needs a code")
		case !mock.Known(e.Code) && (e.Status == 0 || e.Message == ""):
			if near := nearCodes(e.Code); near != "" {
				p.add(path+".error", 0, "unknown error code %q; did you mean %s? (or give status and message too, for a code the error table does not have)", e.Code, near)
				break
			}
			p.add(path+".error", 0, "unknown error code %q: give status and message too, or use a code of the error table", e.Code)
		}
		if e.Status != 0 && !validStatus(e.Status) {
			p.add(path+".error.status", 0, "must be an HTTP status 100..599, got %d", e.Status)
		}
	}
	if l := a.Latency; l != nil {
		l.validate(p, path+".latency")
	}
	if a.Bandwidth < 0 {
		p.add(path+".bandwidth", 0, "must not be negative")
	}
	if r := a.Respond; r != nil && !validStatus(r.Status) {
		p.add(path+".respond.status", 0, "must be an HTTP status 100..599, got %d", r.Status)
	}
	if f := a.Fault; f != nil {
		f.validate(p, path+".fault")
	}
	if st := a.Stale; st != nil {
		st.validate(p, path+".stale", ops)
	}
	if pg := a.Page; pg != nil {
		if pg.Size < 0 {
			p.add(path+".page.size", 0, "must not be negative, got %d", pg.Size)
		}
		if pg.Trap != "" && !slices.Contains(Traps(), pg.Trap) {
			p.add(path+".page.trap", 0, "unknown trap %q; known: %s", pg.Trap, joinNames(Traps()))
		}
		if len(ops) > 0 && !ops.has(mock.ListBucketInventoryConfigurations) {
			p.add(path+".page", 0, "applies only to ListBucketInventoryConfigurations, which match.operation leaves out")
		}
	}
}

func (l *Latency) validate(p *problems, path string) {
	if l.kinds() != 1 {
		p.add(path, 0, "give exactly one of fixed, uniform, lognormal")
	}
	neg := func(at string, d Duration) {
		if d < 0 {
			p.add(path+at, 0, "must not be negative, got %s", Duration(d).String())
		}
	}
	if l.Fixed != nil {
		neg(".fixed", *l.Fixed)
	}
	if u := l.Uniform; u != nil {
		neg(".uniform.min", u.Min)
		neg(".uniform.max", u.Max)
		if u.Max < u.Min {
			p.add(path+".uniform.max", 0, "must not be less than min")
		}
	}
	if ln := l.LogNormal; ln != nil {
		if ln.Median <= 0 {
			p.add(path+".lognormal.median", 0, "must be positive")
		}
		if ln.Sigma < 0 || math.IsNaN(ln.Sigma) || math.IsInf(ln.Sigma, 0) {
			p.add(path+".lognormal.sigma", 0, "must be a finite number, not negative")
		}
	}
}

// nearCodes names the codes of the error table nearest to code, "A, B or C", or "".
func nearCodes(code mock.ErrorCode) string {
	near := suggest.Near(string(code), joinable(mock.ErrorCodes()))
	if len(near) <= 1 {
		return strings.Join(near, "")
	}
	return strings.Join(near[:len(near)-1], ", ") + " or " + near[len(near)-1]
}

func joinable[T ~string](names []T) []string {
	s := make([]string, len(names))
	for i, n := range names {
		s[i] = string(n)
	}
	return s
}

func validStatus(s int) bool { return s >= 100 && s <= 599 }

// isToken reports whether s is an RFC 9110 token (method and header names).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

func joinNames[T ~string](names []T) string { return strings.Join(joinable(names), ", ") }
