package orc

import (
	"fmt"
	"math"
	"time"
	"unicode/utf8"
)

// ORC stream kinds (Stream.Kind in orc_proto.proto).
const (
	streamPresent   = 0
	streamData      = 1
	streamLength    = 2
	streamSecondary = 5
	streamRowIndex  = 6
)

// ORC column encodings (ColumnEncoding.Kind): the root struct and booleans have only
// DIRECT; strings, bigints and timestamps use the RLE version 2 form.
const (
	encodingDirect   = 0
	encodingDirectV2 = 2
)

// orcEpoch is 2015-01-01 00:00:00 UTC in Unix seconds: a timestamp's DATA stream holds
// seconds relative to it in the writer's time zone (ORC v1 specification, "Timestamp
// Columns"), and every stripe footer here names UTC.
const orcEpoch = 1420070400

// column writes one column's streams for the current stripe and keeps its
// statistics and row index. The root struct is a column of kind 0 with no streams.
type column struct {
	kind       Kind
	present    *outStream // PRESENT, written only when the stripe has a null
	presentRLE *boolRLE
	data       *outStream // DATA
	second     *outStream // LENGTH for strings, SECONDARY for timestamps
	ints       *intRLE    // bigint values, timestamp seconds
	lens       *intRLE    // string lengths, timestamp nanoseconds
	bools      *boolRLE

	group, stripe, file stats
	stripeNulls         bool
	entries             []indexEntry
}

// indexEntry is one RowIndexEntry: where each stream stood at the first row of a row
// group, and the group's statistics.
type indexEntry struct {
	present, data []uint64
	stats         stats
}

func newColumn(kind Kind, c *compressor, block int) *column {
	col := &column{kind: kind}
	col.group.kind, col.stripe.kind, col.file.kind = kind, kind, kind
	if kind == 0 {
		return col
	}
	col.present = newOutStream(c, block)
	col.presentRLE = newBoolRLE(col.present)
	col.data = newOutStream(c, block)
	switch kind {
	case String:
		col.second = newOutStream(c, block)
		col.lens = newIntRLE(col.second, false)
	case Boolean:
		col.bools = newBoolRLE(col.data)
	case BigInt:
		col.ints = newIntRLE(col.data, true)
	case Timestamp:
		col.second = newOutStream(c, block)
		col.ints = newIntRLE(col.data, true)
		col.lens = newIntRLE(col.second, false)
	}
	return col
}

// check reports whether v can go in this column, before anything is written.
func (c *column) check(v Value) error {
	switch {
	case v.IsNull():
		return nil
	case v.kind != c.kind:
		return fmt.Errorf("a %v value in a %v column", v.kind, c.kind)
	case v.kind == String && !utf8.ValidString(v.s):
		return fmt.Errorf("string %q is not valid UTF-8", v.s)
	case v.kind == Timestamp:
		_, _, err := timestampParts(v.t)
		return err
	}
	return nil
}

// add writes a checked value.
func (c *column) add(v Value) {
	if c.kind == 0 {
		c.group.count++
		return
	}
	c.presentRLE.add(!v.IsNull())
	if v.IsNull() {
		c.group.addNull()
		c.stripeNulls = true
		return
	}
	switch c.kind {
	case String:
		c.data.write([]byte(v.s))
		c.lens.add(int64(len(v.s)))
		c.group.addString(v.s)
	case Boolean:
		c.bools.add(v.i == 1)
		c.group.addBool(v.i == 1)
	case BigInt:
		c.ints.add(v.i)
		c.group.addInt(v.i)
	case Timestamp:
		secs, nanos, _ := timestampParts(v.t)
		c.ints.add(secs - orcEpoch)
		c.lens.add(int64(encodeNanos(nanos)))
		c.group.addTime(v.t.Unix()*1000 + int64(v.t.Nanosecond()/1e6))
	}
}

// timestampParts returns the seconds and nanoseconds that a timestamp's streams hold.
// The Java writer stores the seconds of the millisecond count truncated toward zero,
// so for times before 1970 with a fraction of at least a millisecond they are one
// more than the floor; readers take one away again when seconds are negative and the
// nanoseconds exceed 999,999 (the C++ TimestampColumnReader does exactly that).
// Between one second before the epoch and the epoch that rule cannot work (the
// seconds are then 0), so those times are refused rather than read back wrong.
func timestampParts(t time.Time) (secs int64, nanos int, err error) {
	secs, nanos = t.Unix(), t.Nanosecond()
	const limit = math.MaxInt64/1000 - 1
	if secs > limit || secs < -limit {
		return 0, 0, fmt.Errorf("timestamp %v out of range", t)
	}
	if secs < 0 && nanos > 999999 {
		secs++
		if secs == 0 {
			return 0, 0, fmt.Errorf("timestamp %v: ORC readers cannot read back a time within the second before 1970 with a fractional millisecond part", t.UTC().Format(time.RFC3339Nano))
		}
	}
	return secs, nanos, nil
}

// encodeNanos drops trailing decimal zeros: with at least two of them, the value is
// shifted left by three bits and the low bits hold the count removed minus one (ORC v1
// specification, "Timestamp Columns": 1000 ns is 0x0a, 100000 ns is 0x0c).
func encodeNanos(n int) uint64 {
	if n == 0 || n%100 != 0 {
		return uint64(n) << 3
	}
	n /= 100
	zeros := 1
	for n%10 == 0 && zeros < 7 {
		n /= 10
		zeros++
	}
	return uint64(n)<<3 | uint64(zeros)
}

// startGroup records where every stream stands at the first row of a row group.
func (c *column) startGroup() {
	var e indexEntry
	if c.kind != 0 {
		e.present = c.presentRLE.position(nil)
		switch c.kind {
		case String:
			e.data = c.lens.position(c.data.position(nil))
		case Boolean:
			e.data = c.bools.position(nil)
		case BigInt:
			e.data = c.ints.position(nil)
		case Timestamp:
			e.data = c.lens.position(c.ints.position(nil))
		}
	}
	c.entries = append(c.entries, e)
}

// endGroup closes the current row group's statistics.
func (c *column) endGroup() {
	c.entries[len(c.entries)-1].stats = c.group
	c.stripe.merge(&c.group)
	c.group = stats{kind: c.kind}
}

// stripeStream is one stream of a finished stripe.
type stripeStream struct {
	kind, column uint64
	bytes        []byte
}

// finishStripe flushes the encoders and returns the column's data streams in the
// order Java writes them (by stream kind), the PRESENT stream left out when every
// value of the stripe was there.
func (c *column) finishStripe(id uint64) []stripeStream {
	if c.kind == 0 {
		return nil
	}
	c.presentRLE.flush()
	var out []stripeStream
	if c.stripeNulls {
		out = append(out, stripeStream{streamPresent, id, c.present.finish()})
	}
	switch c.kind {
	case Boolean:
		c.bools.flush()
	case BigInt:
		c.ints.flush()
	case String:
		c.lens.flush()
	case Timestamp:
		c.ints.flush()
		c.lens.flush()
	}
	out = append(out, stripeStream{streamData, id, c.data.finish()})
	if c.second != nil {
		kind := uint64(streamLength)
		if c.kind == Timestamp {
			kind = streamSecondary
		}
		out = append(out, stripeStream{kind, id, c.second.finish()})
	}
	return out
}

// rowIndex marshals the stripe's RowIndex: entry 1, and in each RowIndexEntry the
// positions 1 (packed) then the statistics 2. A reader finds the PRESENT positions
// only when the stripe footer lists a PRESENT stream.
func (c *column) rowIndex() []byte {
	var b pb
	for i := range c.entries {
		e := &c.entries[i]
		var entry pb
		pos := e.data
		if c.stripeNulls {
			pos = append(append([]uint64(nil), e.present...), e.data...)
		}
		if len(pos) > 0 {
			entry = entry.packed(1, pos)
		}
		entry = entry.bytes(2, e.stats.marshal(nil))
		b = b.bytes(1, entry)
	}
	return b
}

// encoding is the column's ColumnEncoding.kind.
func (c *column) encoding() uint64 {
	if c.kind == 0 || c.kind == Boolean {
		return encodingDirect
	}
	return encodingDirectV2
}

// resetStripe readies the column for the next stripe.
func (c *column) resetStripe() {
	c.file.merge(&c.stripe)
	c.stripe = stats{kind: c.kind}
	c.stripeNulls = false
	c.entries = c.entries[:0]
	for _, s := range []*outStream{c.present, c.data, c.second} {
		if s != nil {
			s.reset()
		}
	}
}
