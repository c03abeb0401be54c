package mock

import (
	"bytes"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// The JSON fast path. yaml.v3 spends about three quarters of a large seed's load
// building its node tree; a JSON seed or snapshot is read here instead, straight from
// the bytes into a State, with the same lines stateWalker records (a count of
// newlines, kept up as the reader moves forward). The reader vouches only for what
// it knows the line-aware path reads the same way: strict JSON with known keys, each
// once, values of the right shape, and no text that yaml.v3 refuses or reads
// otherwise (\/, surrogate escapes, tabs, a lone CR, control characters, NEL, line
// and paragraph separators, a BOM or a non-character, invalid UTF-8). Anything else,
// and any problem at all (a second value, a key twice, a seal that does not verify),
// sends ParseState down the line-aware path, which finds the problem again and
// reports it with its line: the fast path never writes a message.
//
// encoding/json was measured first: on a seed of 1,000,000 configurations its
// Decoder takes 6.8 s of CPU token by token, and 4.3 s decoding into typed structs
// (which cannot refuse a key given twice), against about 0.6 s here.

// fastFail is the panic that abandons the fast path; parseStateJSON recovers it.
type fastFail struct{}

type jsonReader struct {
	data   []byte
	pos    int
	line   int // the line of offset lineAt
	lineAt int
	keys   []string // the keys of each open mapping, to refuse one given twice
}

// parseStateJSON reads data as JSON; ok is false when the fast path cannot vouch
// for the result, and the line-aware path must read it.
func parseStateJSON(data []byte) (st *State, ok bool) {
	r := &jsonReader{data: data, line: 1}
	defer func() {
		if v := recover(); v != nil {
			if _, fast := v.(fastFail); !fast {
				panic(v)
			}
			st, ok = nil, false
		}
	}()
	if r.ws(); r.pos >= len(data) || data[r.pos] != '{' {
		return nil, false
	}
	st = r.state()
	if r.ws(); r.pos != len(data) {
		return nil, false
	}
	if st.checkSeal() != nil {
		return nil, false
	}
	return st, true
}

func (r *jsonReader) fail() { panic(fastFail{}) }

// ws skips JSON white space but tabs; a CR must start a CRLF, as the lines count LFs.
func (r *jsonReader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\n':
		case '\r':
			if r.pos+1 >= len(r.data) || r.data[r.pos+1] != '\n' {
				r.fail()
			}
		default:
			return
		}
		r.pos++
	}
}

// at is the line of the value that starts at the reader's position (after ws).
func (r *jsonReader) at() int {
	r.line += bytes.Count(r.data[r.lineAt:r.pos], []byte{'\n'})
	r.lineAt = r.pos
	return r.line
}

// peek is the first byte of the next value; it must be there.
func (r *jsonReader) peek() byte {
	r.ws()
	if r.pos >= len(r.data) {
		r.fail()
	}
	return r.data[r.pos]
}

func (r *jsonReader) expect(c byte) {
	if r.peek() != c {
		r.fail()
	}
	r.pos++
}

// null consumes a null when one comes next.
func (r *jsonReader) null() bool {
	if r.peek() == 'n' && bytes.HasPrefix(r.data[r.pos:], []byte("null")) {
		r.pos += 4
		return true
	}
	return false
}

// object calls f for each key of a mapping, with the line of the key; a key outside
// known or given twice fails.
func (r *jsonReader) object(known []string, f func(key string, keyLine int)) {
	r.expect('{')
	depth := len(r.keys)
	defer func() { r.keys = r.keys[:depth] }()
	if r.peek() == '}' {
		r.pos++
		return
	}
	for {
		if r.peek() != '"' {
			r.fail()
		}
		line := r.at()
		k := r.rawString()
		if !slices.Contains(known, k) || slices.Contains(r.keys[depth:], k) {
			r.fail()
		}
		r.keys = append(r.keys, k)
		// yaml.v3 takes a key for a key only when its colon is on the same line.
		for r.pos < len(r.data) && r.data[r.pos] == ' ' {
			r.pos++
		}
		if r.pos >= len(r.data) || r.data[r.pos] != ':' {
			r.fail()
		}
		r.pos++
		f(k, line)
		switch r.peek() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return
		default:
			r.fail()
		}
	}
}

// list calls f for each item of a list, with the line of the item; null is an empty list.
func (r *jsonReader) list(f func(line int)) {
	if r.null() {
		return
	}
	r.expect('[')
	if r.peek() == ']' {
		r.pos++
		return
	}
	for {
		r.peek()
		f(r.at())
		switch r.peek() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return
		default:
			r.fail()
		}
	}
}

// str reads a string; null is "", as stateWalker.str reads it.
func (r *jsonReader) str() string {
	if r.null() {
		return ""
	}
	if r.peek() != '"' {
		r.fail() // a number or a boolean: stateWalker takes its text; leave it to it
	}
	return r.rawString()
}

// rawString reads the string at the position: the escapes JSON and yaml.v3 share,
// printable ASCII and UTF-8 that yaml.v3 reads as it is.
func (r *jsonReader) rawString() string {
	d := r.data
	i := r.pos + 1
	start := i
	for i < len(d) && d[i] != '"' && d[i] != '\\' && d[i] >= 0x20 && d[i] < 0x7f {
		i++
	}
	if i < len(d) && d[i] == '"' { // the common case: nothing to decode
		r.pos = i + 1
		return string(d[start:i])
	}
	buf := make([]byte, 0, i-start+64)
	buf = append(buf, d[start:i]...)
	for {
		if i >= len(d) {
			r.fail()
		}
		switch c := d[i]; {
		case c == '"':
			r.pos = i + 1
			return string(buf)
		case c == '\\':
			if i+1 >= len(d) {
				r.fail()
			}
			switch e := d[i+1]; e {
			case '"', '\\':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				if i+6 > len(d) {
					r.fail()
				}
				v := rune(0)
				for _, h := range d[i+2 : i+6] {
					switch {
					case h >= '0' && h <= '9':
						v = v<<4 | rune(h-'0')
					case h|0x20 >= 'a' && h|0x20 <= 'f':
						v = v<<4 | rune(h|0x20-'a'+10)
					default:
						r.fail()
					}
				}
				if v >= 0xd800 && v <= 0xdfff { // yaml.v3 refuses surrogates, paired or not
					r.fail()
				}
				buf = utf8.AppendRune(buf, v)
				i += 4
			default: // \/ included: yaml.v3 does not know it
				r.fail()
			}
			i += 2
		case c < 0x20 || c == 0x7f:
			r.fail()
		case c < 0x80: // a run of plain bytes, appended at once
			j := i + 1
			for j < len(d) && d[j] != '"' && d[j] != '\\' && d[j] >= 0x20 && d[j] < 0x7f {
				j++
			}
			buf = append(buf, d[i:j]...)
			i = j
		default:
			ru, n := utf8.DecodeRune(d[i:])
			if ru == utf8.RuneError || ru < 0xa0 || ru == 0x2028 || ru == 0x2029 || ru == 0xfeff || ru == 0xfffe || ru == 0xffff {
				r.fail()
			}
			buf = append(buf, d[i:i+n]...)
			i += n
		}
	}
}

// integer reads a whole number as JSON writes it (no fraction, no exponent).
func (r *jsonReader) integer() string {
	r.peek()
	i := r.pos
	if i < len(r.data) && r.data[i] == '-' {
		i++
	}
	j := i
	for j < len(r.data) && r.data[j] >= '0' && r.data[j] <= '9' {
		j++
	}
	if j == i || (r.data[i] == '0' && j > i+1) {
		r.fail()
	}
	s := string(r.data[r.pos:j])
	r.pos = j
	return s
}

func (r *jsonReader) int64() int64 {
	v, err := strconv.ParseInt(r.integer(), 10, 64)
	if err != nil {
		r.fail()
	}
	return v
}

func (r *jsonReader) uint64() uint64 {
	v, err := strconv.ParseUint(r.integer(), 10, 64)
	if err != nil {
		r.fail()
	}
	return v
}

func (r *jsonReader) bool() bool {
	r.peek()
	switch rest := r.data[r.pos:]; {
	case bytes.HasPrefix(rest, []byte("true")):
		r.pos += 4
		return true
	case bytes.HasPrefix(rest, []byte("false")):
		r.pos += 5
		return false
	}
	r.fail()
	return false
}

// time reads an RFC 3339 time, as stateWalker.time does.
func (r *jsonReader) time() time.Time {
	t, err := time.Parse(time.RFC3339Nano, r.str())
	if err != nil {
		r.fail()
	}
	return t.UTC()
}
