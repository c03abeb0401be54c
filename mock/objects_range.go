package mock

import (
	"strconv"
	"strings"
)

// byteRange is a satisfiable Range, inclusive at both ends; ok is false when the
// request gets the whole object.
type byteRange struct {
	start, end int64
	ok         bool
}

// parseRange reads a Range header as S3 does (recorded, fixtures/FACTS.md section 8):
// one range of "bytes=a-b", "bytes=a-" or "bytes=-n", the end clamped to the object;
// anything it cannot read (several ranges, b < a, no "bytes=") is ignored and the
// whole object answers 200; a start past the end, or "-0", is 416 InvalidRange.
func parseRange(header string, size int64) (byteRange, *Error) {
	spec, ok := strings.CutPrefix(header, "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return byteRange{}, nil
	}
	first, last, ok := strings.Cut(spec, "-")
	if !ok {
		return byteRange{}, nil
	}
	invalid := func() (byteRange, *Error) {
		return byteRange{}, NewError(InvalidRange, Member{Name: "RangeRequested", Value: header},
			Member{Name: "ActualObjectSize", Value: strconv.FormatInt(size, 10)})
	}
	if first == "" { // a suffix: the last n bytes
		n, ok := digits(last)
		switch {
		case !ok:
			return byteRange{}, nil
		case n == 0 || size == 0:
			return invalid()
		}
		return byteRange{start: max(size-n, 0), end: size - 1, ok: true}, nil
	}
	a, ok := digits(first)
	if !ok {
		return byteRange{}, nil
	}
	b := size - 1
	if last != "" {
		if b, ok = digits(last); !ok || b < a {
			return byteRange{}, nil
		}
	}
	if a >= size {
		return invalid()
	}
	return byteRange{start: a, end: min(b, size-1), ok: true}, nil
}

// digits parses a non-empty run of decimal digits.
func digits(s string) (int64, bool) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}
