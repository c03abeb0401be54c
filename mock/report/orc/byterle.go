package orc

// Byte run length encoding (ORC v1 specification, "Byte Run Length Encoding"): a
// control byte 0..127 is a run of control+3 copies of the next byte; a control byte
// -1..-128 is followed by that many literal bytes.
const (
	minByteRun = 3
	maxByteRun = 127 + minByteRun
	maxByteLit = 128
)

// byteRLE encodes bytes into out. pending holds the values not yet written: literals,
// or, when run > 0, one value repeated run times.
type byteRLE struct {
	out     *outStream
	lits    [maxByteLit]byte
	numLits int
	run     int
	runVal  byte
}

func (e *byteRLE) add(b byte) {
	switch {
	case e.run > 0 && b == e.runVal:
		e.run++
		if e.run == maxByteRun {
			e.flush()
		}
		return
	case e.run > 0:
		e.flush()
	}
	e.lits[e.numLits] = b
	e.numLits++
	// Three equal bytes at the tail of the literals start a run.
	if n := e.numLits; n >= minByteRun && e.lits[n-2] == b && e.lits[n-3] == b {
		e.numLits -= minByteRun
		e.flushLiterals()
		e.run, e.runVal = minByteRun, b
		return
	}
	if e.numLits == maxByteLit {
		e.flushLiterals()
	}
}

func (e *byteRLE) flushLiterals() {
	if e.numLits == 0 {
		return
	}
	e.out.writeByte(byte(-int8(e.numLits)))
	e.out.write(e.lits[:e.numLits])
	e.numLits = 0
}

func (e *byteRLE) flush() {
	if e.run > 0 {
		e.out.writeByte(byte(e.run - minByteRun))
		e.out.writeByte(e.runVal)
		e.run = 0
		return
	}
	e.flushLiterals()
}

// position appends the stream position of the next group and the number of values
// of it that come before the current one.
func (e *byteRLE) position(pos []uint64) []uint64 {
	return append(e.out.position(pos), uint64(e.numLits+e.run))
}

// boolRLE packs booleans most significant bit first into bytes that go through byte
// RLE (ORC v1 specification, "Boolean Run Length Encoding": [0xff, 0x80] is one true
// then seven false).
type boolRLE struct {
	bytes byteRLE
	cur   byte
	nbits int
}

func newBoolRLE(out *outStream) *boolRLE { return &boolRLE{bytes: byteRLE{out: out}} }

func (e *boolRLE) add(v bool) {
	if v {
		e.cur |= 0x80 >> e.nbits
	}
	e.nbits++
	if e.nbits == 8 {
		e.bytes.add(e.cur)
		e.cur, e.nbits = 0, 0
	}
}

// flush pads the last byte with false bits; readers stop at the row count.
func (e *boolRLE) flush() {
	if e.nbits > 0 {
		e.bytes.add(e.cur)
		e.cur, e.nbits = 0, 0
	}
	e.bytes.flush()
}

// position is the byte RLE position followed by the number of bits of the current
// byte already used, the four numbers a Java or C++ reader consumes for a boolean
// stream.
func (e *boolRLE) position(pos []uint64) []uint64 {
	return append(e.bytes.position(pos), uint64(e.nbits))
}
