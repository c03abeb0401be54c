package orc

import (
	"fmt"
	"time"
)

// Value is one cell of a row: null, or a value of one kind. The zero Value is null.
type Value struct {
	kind Kind // 0 for null
	s    string
	i    int64 // BigInt value, or 1/0 for Boolean
	t    time.Time
}

// Null returns the null value; ORC records it in the column's PRESENT stream.
func Null() Value { return Value{} }

// Str returns a String value. s must be valid UTF-8.
func Str(s string) Value { return Value{kind: String, s: s} }

// Bool returns a Boolean value.
func Bool(b bool) Value {
	v := Value{kind: Boolean}
	if b {
		v.i = 1
	}
	return v
}

// Int returns a BigInt value.
func Int(n int64) Value { return Value{kind: BigInt, i: n} }

// Time returns a Timestamp value. The file stores it as UTC wall time to the
// nanosecond; t's location does not matter.
func Time(t time.Time) Value { return Value{kind: Timestamp, t: t} }

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.kind == 0 }

// Kind returns v's kind, 0 for null.
func (v Value) Kind() Kind { return v.kind }

// String renders v for error messages and tests: null, a quoted string, true/false,
// a number, or an RFC 3339 time in UTC with nanoseconds.
func (v Value) String() string {
	switch v.kind {
	case String:
		return fmt.Sprintf("%q", v.s)
	case Boolean:
		return fmt.Sprint(v.i == 1)
	case BigInt:
		return fmt.Sprint(v.i)
	case Timestamp:
		return v.t.UTC().Format(time.RFC3339Nano)
	}
	return "null"
}
