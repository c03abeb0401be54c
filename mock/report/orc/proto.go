package orc

import "math"

// pb appends protocol buffer fields to a byte slice. ORC's metadata (PostScript,
// Footer, StripeFooter, RowIndex, Metadata) is protobuf version 2 (ORC v1
// specification, "File Tail"); only two wire types are needed here: varint (0) and
// length-delimited (2). Fields are appended in field-number order, as protobuf's own
// serializers do, so that the same message always has the same bytes.
//
// Every field the writer sets is written even when its value is zero: in proto2 a
// set optional field is serialized whatever its value (Stream.kind PRESENT = 0,
// ColumnEncoding.kind DIRECT = 0), and readers tell "absent" from "zero".
type pb []byte

const (
	wireVarint = 0
	wireBytes  = 2
)

func (b pb) tag(field, wire int) pb { return b.rawVarint(uint64(field)<<3 | uint64(wire)) }

func (b pb) rawVarint(v uint64) pb {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// uint writes a uint32/uint64/enum/bool field.
func (b pb) uint(field int, v uint64) pb { return b.tag(field, wireVarint).rawVarint(v) }

// sint writes a sint64 field (zigzag, as IntegerStatistics and TimestampStatistics use).
func (b pb) sint(field int, v int64) pb { return b.uint(field, zigzag(v)) }

func (b pb) bytes(field int, v []byte) pb {
	b = b.tag(field, wireBytes).rawVarint(uint64(len(v)))
	return append(b, v...)
}

func (b pb) str(field int, v string) pb {
	b = b.tag(field, wireBytes).rawVarint(uint64(len(v)))
	return append(b, v...)
}

// packed writes a repeated unsigned field in packed form ([packed = true] in
// orc_proto.proto for PostScript.version, Type.subtypes, RowIndexEntry.positions and
// BucketStatistics.count).
func (b pb) packed(field int, vs []uint64) pb {
	var body pb
	for _, v := range vs {
		body = body.rawVarint(v)
	}
	return b.bytes(field, body)
}

// zigzag maps signed to unsigned so that small magnitudes stay small (ORC v1
// specification, "Base 128 Varint").
func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// addOverflows reports whether a+b overflows int64.
func addOverflows(a, b int64) bool {
	return (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b)
}
