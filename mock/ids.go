package mock

import (
	"encoding/base64"
	"encoding/binary"
	"sync/atomic"
)

// requestIDAlphabet is what S3 request ids are made of: 0-9 and A-Z without I, L, O, U
// (recorded: 16 characters, e.g. "4442587FB7D0A2F9").
const requestIDAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// RequestIDs produces the x-amz-request-id and x-amz-id-2 of each answer. It must be
// safe for concurrent use.
type RequestIDs interface {
	Next() (requestID, hostID string)
}

// SeededRequestIDs is the default RequestIDs: a counter run through a mixing function,
// so that ids look random, never repeat within a server, and are the same in every run
// with the same seed (deterministic tests, replayable journals).
type SeededRequestIDs struct {
	seed    uint64
	counter atomic.Uint64
}

// NewSeededRequestIDs returns ids derived from seed.
func NewSeededRequestIDs(seed uint64) *SeededRequestIDs { return &SeededRequestIDs{seed: seed} }

// splitmix64 is Steele, Lea and Flood's mixer: a bijection, so distinct inputs give
// distinct outputs.
func splitmix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// Next returns a fresh pair of ids.
func (g *SeededRequestIDs) Next() (string, string) {
	n := g.counter.Add(1)
	a := splitmix64(g.seed ^ n)
	b := splitmix64(a ^ n<<1)
	var rid [16]byte
	// 13 characters from a (5 bits each, 65 bits used of 64: the top one repeats a bit
	// of b) and 3 from b: 80 bits in all, unique because a is a bijection of n.
	for i := 0; i < 12; i++ {
		rid[i] = requestIDAlphabet[a&31]
		a >>= 5
	}
	x := a | b<<4
	for i := 12; i < 16; i++ {
		rid[i] = requestIDAlphabet[x&31]
		x >>= 5
	}
	var raw [48]byte
	for i := 0; i < 6; i++ {
		b = splitmix64(b + uint64(i))
		binary.LittleEndian.PutUint64(raw[i*8:], b)
	}
	// Both ids in one string: one allocation instead of three.
	var both [16 + 64]byte
	copy(both[:16], rid[:])
	base64.StdEncoding.Encode(both[16:], raw[:])
	s := string(both[:])
	return s[:16], s[16:]
}
