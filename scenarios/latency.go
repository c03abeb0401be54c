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
		lo, hi := int64(l.Uniform.Min), int64(l.Uniform.Max)
		if hi <= lo {
			return time.Duration(lo)
		}
		return time.Duration(lo + r.Int64N(hi-lo+1))
	case l.LogNormal != nil:
		d := float64(l.LogNormal.Median) * math.Exp(l.LogNormal.Sigma*r.NormFloat64())
		if d > math.MaxInt64 {
			return time.Duration(math.MaxInt64)
		}
		return time.Duration(d)
	}
	return 0
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
