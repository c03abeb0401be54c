package scenarios

import (
	"encoding/json"
	"slices"
)

// FaultKind names how a fault breaks the connection instead of answering.
type FaultKind string

// The connection faults a rule can inject.
const (
	// FaultReset sends a TCP RST (SO_LINGER 0): clients see "connection reset by peer".
	FaultReset FaultKind = "reset"
	// FaultClose closes the connection without an answer: clients see EOF.
	FaultClose FaultKind = "close"
	// FaultHang sends nothing until the client gives up or the scenario is cleared,
	// replaced or its engine closed, or for Fault.For: exercises client timeouts.
	FaultHang FaultKind = "hang"
	// FaultTruncate sends the headers with the full Content-Length, part of the body
	// (half, or Fault.Keep bytes), and closes: clients see an unexpected EOF while
	// reading the body.
	FaultTruncate FaultKind = "truncate"
	// FaultMalformed sends the real status with a body that is not well-formed XML.
	FaultMalformed FaultKind = "malformed"
)

// Faults lists every fault kind; the slice is the caller's own.
func Faults() []FaultKind {
	return []FaultKind{FaultReset, FaultClose, FaultHang, FaultTruncate, FaultMalformed}
}

// Fault is a connection fault and its parameters. In a file it is a bare kind
// (`fault: reset`) or a mapping (`fault: {kind: truncate, keep: 100}`), as errors are.
// A parameter belongs to one kind; validation refuses it on another.
type Fault struct {
	Kind FaultKind `json:"kind"`
	// Keep is, for truncate, how many bytes of the body are sent before the connection
	// closes; nil sends half of it. A Keep at or past the body's length sends it whole
	// and then closes.
	Keep *int64 `json:"keep,omitempty"`
	// For is, for hang, how long to send nothing before closing; nil hangs until the
	// client gives up (or the scenario or engine ends).
	For *Duration `json:"for,omitempty"`
}

// MarshalJSON writes a bare kind when the fault has no parameters.
func (f Fault) MarshalJSON() ([]byte, error) {
	if f.Keep == nil && f.For == nil {
		return json.Marshal(f.Kind)
	}
	type plain Fault
	return json.Marshal(plain(f))
}

// validate checks the kind and that each parameter belongs to it.
func (f *Fault) validate(p *problems, path string) {
	if !slices.Contains(Faults(), f.Kind) {
		p.add(path, 0, "unknown fault %q; known: %s", f.Kind, joinNames(Faults()))
		return
	}
	if f.Keep != nil && f.Kind != FaultTruncate {
		p.add(path+".keep", 0, "applies only to the truncate fault, not %s", f.Kind)
	}
	if f.Keep != nil && *f.Keep < 0 {
		p.add(path+".keep", 0, "must not be negative, got %d", *f.Keep)
	}
	if f.For != nil && f.Kind != FaultHang {
		p.add(path+".for", 0, "applies only to the hang fault, not %s", f.Kind)
	}
	if f.For != nil && *f.For < 0 {
		p.add(path+".for", 0, "must not be negative, got %s", *f.For)
	}
}
