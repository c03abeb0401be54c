package scenarios

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Duration is a time.Duration written as a Go duration string ("300ms", "2s").
type Duration time.Duration

// String writes the Go duration ("300ms").
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes the Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// ParseDuration reads a Go duration; it is the one parser for every duration field.
func ParseDuration(s string) (Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a Go duration like 300ms or 2s", s)
	}
	return Duration(d), nil
}

// Latency delays an answer. Exactly one of its kinds is set.
type Latency struct {
	Fixed     *Duration  `json:"fixed,omitempty"`
	Uniform   *Uniform   `json:"uniform,omitempty"`
	LogNormal *LogNormal `json:"lognormal,omitempty"`
}

// Uniform draws a delay evenly from Min to Max, both included.
type Uniform struct {
	Min Duration `json:"min"`
	Max Duration `json:"max"`
}

// LogNormal draws a delay whose logarithm is normal: half the draws fall below
// Median, and Sigma (of the log) widens the tail.
type LogNormal struct {
	Median Duration `json:"median"`
	Sigma  float64  `json:"sigma"`
}

// Fixed is a latency of exactly d.
func Fixed(d time.Duration) *Latency { v := Duration(d); return &Latency{Fixed: &v} }

// UniformLatency is a latency drawn evenly between lo and hi.
func UniformLatency(lo, hi time.Duration) *Latency {
	return &Latency{Uniform: &Uniform{Min: Duration(lo), Max: Duration(hi)}}
}

// LogNormalLatency is a lognormal latency around median with the log's sigma.
func LogNormalLatency(median time.Duration, sigma float64) *Latency {
	return &Latency{LogNormal: &LogNormal{Median: Duration(median), Sigma: sigma}}
}

// Sample draws one delay from r. The engine calls it with the scenario's seeded
// source, so a seed replays the same delays; tests call it with their own.
func (l *Latency) Sample(r *rand.Rand) time.Duration {
	switch {
	case l == nil:
		return 0
	case l.Fixed != nil:
		return time.Duration(*l.Fixed)
	case l.Uniform != nil:
		return uniform(r, int64(l.Uniform.Min), int64(l.Uniform.Max))
	case l.LogNormal != nil:
		d := float64(l.LogNormal.Median) * math.Exp(l.LogNormal.Sigma*r.NormFloat64())
		// float64(MaxInt64) is 2^63, one past the largest Duration: converting it
		// would overflow, so it saturates too.
		if d >= math.MaxInt64 {
			return time.Duration(math.MaxInt64)
		}
		if !(d > 0) {
			return 0
		}
		return time.Duration(d)
	}
	return 0
}

// uniform draws evenly from lo..hi, both included. The width is taken in uint64, so
// that a range as wide as the whole Duration type (0..MaxInt64, where hi-lo+1 does not
// fit in an int64 and Int64N panicked) draws too. Narrower ranges draw exactly as
// before, so a seed replays the delays it gave.
func uniform(r *rand.Rand, lo, hi int64) time.Duration {
	if hi <= lo {
		return time.Duration(lo)
	}
	width := uint64(hi) - uint64(lo) // exact even when hi-lo overflows int64
	if width < math.MaxInt64 {
		return time.Duration(lo + r.Int64N(int64(width)+1))
	}
	var off uint64
	if width == math.MaxUint64 {
		off = r.Uint64()
	} else {
		off = r.Uint64N(width + 1)
	}
	return time.Duration(uint64(lo) + off)
}

// addDelay sums the latencies of the fired rules, saturating at the longest Duration:
// two huge fixed latencies wrapped to a negative sum, which meant no delay at all.
func addDelay(a, b time.Duration) time.Duration {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// kinds counts the latency kinds set, for validation.
func (l *Latency) kinds() int {
	n := 0
	for _, set := range []bool{l.Fixed != nil, l.Uniform != nil, l.LogNormal != nil} {
		if set {
			n++
		}
	}
	return n
}
