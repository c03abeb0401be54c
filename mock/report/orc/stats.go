package orc

// stats is ColumnStatistics for one column over a row group, a stripe or the file
// (ORC v1 specification, "Column Statistics"). It holds what the Java writer of
// writer version 5 (ORC-101) records: the count of non-null values, hasNull, and by
// kind the minimum, maximum and sum of integers, the minimum, maximum and total
// length of strings, the count of true values of booleans, and the minimum and
// maximum of timestamps in milliseconds.
type stats struct {
	kind     Kind // 0 for the root struct
	count    uint64
	hasNull  bool
	hasMin   bool
	min, max int64  // BigInt values, or Timestamp milliseconds
	sum      int64  // BigInt sum, String total length
	overflow bool   // the BigInt sum overflowed: no sum is recorded
	smin     string // String minimum (byte order, as Java compares Text)
	smax     string
	trues    uint64
}

func (s *stats) addNull() { s.hasNull = true }

func (s *stats) addInt(v int64) {
	s.count++
	if !s.hasMin || v < s.min {
		s.min = v
	}
	if !s.hasMin || v > s.max {
		s.max = v
	}
	s.hasMin = true
	if !s.overflow {
		s.overflow = addOverflows(s.sum, v)
		s.sum += v
	}
}

func (s *stats) addString(v string) {
	s.count++
	if !s.hasMin || v < s.smin {
		s.smin = v
	}
	if !s.hasMin || v > s.smax {
		s.smax = v
	}
	s.hasMin = true
	s.sum += int64(len(v))
}

func (s *stats) addBool(v bool) {
	s.count++
	if v {
		s.trues++
	}
}

// addTime records a timestamp by its milliseconds since the epoch.
func (s *stats) addTime(ms int64) {
	s.count++
	if !s.hasMin || ms < s.min {
		s.min = ms
	}
	if !s.hasMin || ms > s.max {
		s.max = ms
	}
	s.hasMin = true
}

// merge adds o, the statistics of a later range of rows, into s.
func (s *stats) merge(o *stats) {
	s.hasNull = s.hasNull || o.hasNull
	if o.hasMin {
		switch {
		case !s.hasMin:
			s.min, s.max, s.smin, s.smax = o.min, o.max, o.smin, o.smax
		case s.kind == String:
			s.smin, s.smax = min(s.smin, o.smin), max(s.smax, o.smax)
		default:
			s.min, s.max = min(s.min, o.min), max(s.max, o.max)
		}
		s.hasMin = true
	}
	s.count += o.count
	s.trues += o.trues
	if s.kind == BigInt {
		s.overflow = s.overflow || o.overflow || addOverflows(s.sum, o.sum)
	}
	s.sum += o.sum
}

// marshal appends the ColumnStatistics message. Field numbers from orc_proto.proto:
// numberOfValues 1, intStatistics 2, stringStatistics 4, bucketStatistics 5,
// timestampStatistics 9, hasNull 10; inside them minimum 1, maximum 2, sum 3 (sint64
// but for string bounds), and BucketStatistics.count 1 (packed). The typed message is
// written even when the column has no value, as the Java writer does; its minimum and
// maximum only when there is one. Timestamps use minimum/maximum (fields 1 and 2) in
// milliseconds of the writer's time zone, UTC here: minimumUtc and maximumUtc came
// with ORC-135 (writer version 6), after the version these files claim.
func (s *stats) marshal(b pb) pb {
	b = b.uint(1, s.count)
	var t pb
	switch s.kind {
	case BigInt:
		if s.hasMin {
			t = t.sint(1, s.min).sint(2, s.max)
		}
		if !s.overflow {
			t = t.sint(3, s.sum)
		}
		b = b.bytes(2, t)
	case String:
		if s.hasMin {
			t = t.str(1, s.smin).str(2, s.smax)
		}
		b = b.bytes(4, t.sint(3, s.sum))
	case Boolean:
		b = b.bytes(5, t.packed(1, []uint64{s.trues}))
	case Timestamp:
		if s.hasMin {
			t = t.sint(1, s.min).sint(2, s.max)
		}
		b = b.bytes(9, t)
	}
	hasNull := uint64(0)
	if s.hasNull {
		hasNull = 1
	}
	return b.uint(10, hasNull)
}
