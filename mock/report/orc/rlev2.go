package orc

import "math/bits"

// Integer run length encoding version 2 (ORC v1 specification, "Integer Run Length
// Encoding, version 2"). The encoder buffers up to 512 values and writes each group
// with one of three sub-encodings:
//
//   - SHORT_REPEAT for 3 to 10 copies of one value;
//   - DELTA for longer runs of one value (delta width 0) and for monotonic groups whose
//     deltas pack smaller than the values;
//   - DIRECT for the rest, at one of the byte-friendly widths of the 5-bit width table.
//
// PATCHED_BASE (for groups with a few outliers) is not written: it only saves bytes,
// and the zlib layer on top recovers much of the difference. Readers must accept any
// sub-encoding, so the choice never affects what they read.
const (
	maxRLEv2     = 512
	minRepeat    = 3
	maxShortRept = 10
)

type intRLE struct {
	out    *outStream
	signed bool
	vals   [maxRLEv2]int64
	n      int // buffered values
	run    int // how many of the last buffered values are equal
	tmp    []byte
}

func newIntRLE(out *outStream, signed bool) *intRLE {
	return &intRLE{out: out, signed: signed}
}

func (e *intRLE) add(v int64) {
	if e.n > 0 && v == e.vals[e.n-1] {
		e.run++
	} else {
		if e.run == e.n && e.n >= minRepeat {
			e.writeRepeat() // a run ends: write it before starting anew
		}
		e.run = 1
	}
	e.vals[e.n] = v
	e.n++
	if e.run == minRepeat && e.n > minRepeat {
		// Three equal values end the literals: write the literals before them, and
		// keep the three as the start of a run.
		e.writeLiterals(e.vals[:e.n-minRepeat])
		e.vals[0], e.vals[1], e.vals[2] = v, v, v
		e.n = minRepeat
	}
	if e.n == maxRLEv2 {
		e.flush()
	}
}

// flush writes every buffered value.
func (e *intRLE) flush() {
	switch {
	case e.n == 0:
	case e.run == e.n && e.n >= minRepeat:
		e.writeRepeat()
	default:
		e.writeLiterals(e.vals[:e.n])
	}
	e.n, e.run = 0, 0
}

// position appends the stream position of the next group and the number of values
// already buffered for it, which a reader skips after seeking.
func (e *intRLE) position(pos []uint64) []uint64 {
	return append(e.out.position(pos), uint64(e.n))
}

func (e *intRLE) encode(v int64) uint64 {
	if e.signed {
		return zigzag(v)
	}
	return uint64(v)
}

func (e *intRLE) writeRepeat() {
	v, n := e.vals[0], e.n
	e.n, e.run = 0, 0
	b := e.tmp[:0]
	if n <= maxShortRept {
		// Header: 2 bits type 0, 3 bits width-1 in bytes, 3 bits count-3; then the
		// value big endian ([10000 x5] unsigned is 0x0a 0x27 0x10).
		u := e.encode(v)
		w := max(1, (bits.Len64(u)+7)/8)
		b = append(b, byte((w-1)<<3|(n-minRepeat)))
		for i := w - 1; i >= 0; i-- {
			b = append(b, byte(u>>(8*i)))
		}
	} else {
		// DELTA with width 0: base value, then delta base 0, no packed deltas.
		b = append(b, 0xc0|byte((n-1)>>8), byte(n-1))
		b = pb(b).rawVarint(e.encode(v))
		b = append(b, 0)
	}
	e.out.write(b)
	e.tmp = b
}

func (e *intRLE) writeLiterals(vs []int64) {
	if len(vs) == 0 {
		return
	}
	var b []byte
	if d, ok := e.delta(vs); ok {
		b = d
	} else {
		b = e.direct(vs)
	}
	e.out.write(b)
	e.tmp = b
}

// direct packs the values at the smallest aligned width that holds them all:
// 2 bits type 1, 5 bits encoded width, 9 bits length-1, then the values big endian.
func (e *intRLE) direct(vs []int64) []byte {
	var or uint64
	for _, v := range vs {
		or |= e.encode(v)
	}
	w := alignedWidth(max(1, bits.Len64(or)))
	n := len(vs) - 1
	b := append(e.tmp[:0], 0x40|widthCode(w)<<1|byte(n>>8), byte(n))
	p := bitPacker{b: b}
	for _, v := range vs {
		p.put(e.encode(v), w)
	}
	return p.done()
}

// delta encodes a monotonic group when that is smaller than direct: 2 bits type 3, 5
// bits encoded delta width (0 when every delta is the same), 9 bits length-1, the
// first value as a varint, the first delta as a signed varint, then the magnitudes
// of the other deltas ([2,3,5,7,11,13,17,19,23,29] is 0xc6 0x09 0x02 0x02 0x22 0x42
// 0x42 0x46). The first delta carries the direction, so it must not be 0 unless every
// delta is.
func (e *intRLE) delta(vs []int64) ([]byte, bool) {
	if len(vs) < 2 {
		return nil, false
	}
	first := vs[1] - vs[0]
	if addOverflows(vs[1], -vs[0]) {
		return nil, false
	}
	fixed, up, down := true, first > 0, first < 0
	var or uint64
	for i := 2; i < len(vs); i++ {
		if addOverflows(vs[i], -vs[i-1]) {
			return nil, false
		}
		d := vs[i] - vs[i-1]
		fixed = fixed && d == first
		up, down = up && d >= 0, down && d <= 0
		if d < 0 {
			d = -d
		}
		or |= uint64(d)
	}
	if !fixed && !up && !down {
		return nil, false
	}
	w := 0
	if !fixed {
		w = alignedWidth(max(2, bits.Len64(or)))
	}
	size := 2 + varintLen(e.encode(vs[0])) + varintLen(zigzag(first)) + (w*(len(vs)-2)+7)/8
	if !fixed && size >= 2+(alignedWidth(max(1, bits.Len64(e.orAll(vs))))*len(vs)+7)/8 {
		return nil, false
	}
	n := len(vs) - 1
	b := append(e.tmp[:0], 0xc0|widthCode(w)<<1|byte(n>>8), byte(n))
	b = pb(b).rawVarint(e.encode(vs[0]))
	b = pb(b).rawVarint(zigzag(first))
	if fixed {
		return b, true
	}
	p := bitPacker{b: b}
	for i := 2; i < len(vs); i++ {
		d := vs[i] - vs[i-1]
		if d < 0 {
			d = -d
		}
		p.put(uint64(d), w)
	}
	return p.done(), true
}

func (e *intRLE) orAll(vs []int64) uint64 {
	var or uint64
	for _, v := range vs {
		or |= e.encode(v)
	}
	return or
}

func varintLen(u uint64) int { return max(1, (bits.Len64(u)+6)/7) }

// alignedWidth rounds a bit width up to one the 5-bit width table lists without
// "deprecated": 1, 2, 4, 8, 16, 24, 32, 40, 48, 56, 64.
func alignedWidth(w int) int {
	switch {
	case w <= 2:
		return w
	case w <= 4:
		return 4
	case w <= 8:
		return 8
	default:
		return (w + 7) / 8 * 8
	}
}

// widthCode is the 5-bit code of an aligned width (the table's "Encoded Value");
// 0 stands for width 0 in DELTA and for width 1 elsewhere.
func widthCode(w int) byte {
	switch {
	case w <= 1:
		return 0
	case w <= 24:
		return byte(w - 1)
	default:
		return byte(27 + (w-32)/8)
	}
}

// bitPacker appends values of a fixed bit width big endian, the last byte padded.
type bitPacker struct {
	b     []byte
	acc   uint64
	nbits int
}

func (p *bitPacker) put(v uint64, w int) {
	for w > 0 {
		take := min(w, 8-p.nbits)
		w -= take
		p.acc = p.acc<<take | (v>>w)&(1<<take-1)
		p.nbits += take
		if p.nbits == 8 {
			p.b = append(p.b, byte(p.acc))
			p.acc, p.nbits = 0, 0
		}
	}
}

func (p *bitPacker) done() []byte {
	if p.nbits > 0 {
		p.b = append(p.b, byte(p.acc<<(8-p.nbits)))
	}
	return p.b
}
