package mock

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/object"
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

func (r *jsonReader) state() *State {
	st := &State{}
	r.object([]string{"accounts", "buckets", "clock", "deliveries", "landings", "schedules", sealKey}, func(key string, _ int) {
		switch key {
		case sealKey:
			r.peek()
			st.hasSeal, st.sealLine = true, r.at()
			if !r.null() {
				r.object([]string{"sha256"}, func(string, int) { st.sealSum = r.str() })
			}
		case "buckets":
			r.list(func(line int) { st.Buckets = append(st.Buckets, r.bucket(line)) })
		case "accounts":
			r.peek()
			st.accountsLine = r.at()
			r.list(func(line int) {
				st.Accounts = append(st.Accounts, r.account())
				st.accountLines = append(st.accountLines, line)
			})
		case "deliveries":
			r.list(func(line int) {
				st.Deliveries = append(st.Deliveries, r.delivery())
				st.deliveryLines = append(st.deliveryLines, line)
			})
		case "clock":
			c := &ClockState{}
			r.object([]string{"now", "simulated"}, func(k string, _ int) {
				if k == "now" {
					c.Now = r.time()
				} else {
					c.Simulated = r.bool()
				}
			})
			st.Clock = c
		case "schedules":
			r.list(func(int) { st.Schedules = append(st.Schedules, r.schedule()) })
		case "landings":
			r.list(func(int) { st.Landings = append(st.Landings, r.landing()) })
		}
	})
	return st
}

func (r *jsonReader) bucket(line int) BucketState {
	b := BucketState{line: line}
	seenName := false
	r.object([]string{"created", "generate", "inventory", "name", "objects", "owner", "region"}, func(key string, _ int) {
		switch key {
		case "objects":
			b.Objects = r.objects()
		case "generate":
			r.peek()
			if l := r.at(); !r.null() {
				b.Generate, b.generateLine = r.generate(), l
			}
		case "name":
			b.Name, seenName = r.str(), true
		case "owner":
			b.Owner = r.str()
		case "region":
			b.Region = r.str()
		case "created":
			if s := r.str(); s != "" {
				t, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					r.fail()
				}
				b.Created = t.UTC()
			}
		case "inventory":
			r.list(func(line int) {
				b.Inventory = append(b.Inventory, r.str())
				b.docLines = append(b.docLines, line)
			})
		}
	})
	if !seenName {
		r.fail()
	}
	return b
}

func (r *jsonReader) generate() *object.GenerateSpec {
	g := &object.GenerateSpec{}
	r.object([]string{"count", "prefix", "seed", "versions"}, func(key string, _ int) {
		switch key {
		case "count":
			g.Count = int(r.int64())
		case "prefix":
			g.Prefix = r.str()
		case "seed":
			g.Seed = r.uint64()
		case "versions":
			g.Versions = int(r.int64())
		}
	})
	return g
}

func (r *jsonReader) account() identity.Account {
	var a identity.Account
	r.object([]string{"id", "keys"}, func(key string, _ int) {
		if key == "id" {
			a.ID = r.str()
			return
		}
		a.Keys = []identity.Key{}
		r.list(func(int) {
			var k identity.Key
			r.object([]string{"accessKeyId", "actions", "secretAccessKey"}, func(key string, _ int) {
				switch key {
				case "accessKeyId":
					k.AccessKeyID = r.str()
				case "secretAccessKey":
					k.SecretAccessKey = r.str()
				case "actions":
					r.list(func(int) { k.Actions = append(k.Actions, r.str()) })
				}
			})
			a.Keys = append(a.Keys, k)
		})
	})
	return a
}

func (r *jsonReader) delivery() Delivery {
	var d Delivery
	r.object([]string{"bucket", "completedAt", "destination", "faults", "files", "id", "keys",
		"landAt", "manifestKey", "outcome", "reason", "rows", "scanAt", "seq"}, func(key string, _ int) {
		switch key {
		case "seq":
			d.Seq = r.uint64()
		case "rows":
			d.Rows = r.int64()
		case "files":
			d.Files = int(r.int64())
		case "scanAt":
			d.ScanAt = r.time()
		case "completedAt":
			d.CompletedAt = r.time()
		case "landAt":
			d.LandAt = r.time()
		case "keys", "faults":
			list := []string{}
			r.list(func(int) { list = append(list, r.str()) })
			if key == "keys" {
				d.Keys = list
			} else {
				d.Faults = list
			}
		case "bucket":
			d.Bucket = r.str()
		case "id":
			d.ID = r.str()
		case "outcome":
			d.Outcome = DeliveryOutcome(r.str())
		case "reason":
			d.Reason = r.str()
		case "destination":
			d.Destination = r.str()
		case "manifestKey":
			d.ManifestKey = r.str()
		}
	})
	return d
}

func (r *jsonReader) schedule() ScheduleState {
	var ss ScheduleState
	r.object([]string{"bucket", "firstPut", "id", "versions"}, func(k string, _ int) {
		switch k {
		case "bucket":
			ss.Bucket = r.str()
		case "id":
			ss.ID = r.str()
		case "firstPut":
			ss.FirstPut = r.time()
		case "versions":
			r.list(func(int) {
				var vs ScheduleVersionState
				r.object([]string{"at", "deleted", "inventory"}, func(k string, _ int) {
					switch k {
					case "at":
						vs.At = r.time()
					case "inventory":
						vs.Inventory = r.str()
					case "deleted":
						vs.Deleted = r.bool()
					}
				})
				ss.Versions = append(ss.Versions, vs)
			})
		}
	})
	return ss
}

func (r *jsonReader) landing() LandingState {
	var ls LandingState
	r.object([]string{"destination", "landAt", "objects", "seq"}, func(k string, _ int) {
		switch k {
		case "seq":
			ls.Seq = r.uint64()
		case "destination":
			ls.Destination = r.str()
		case "landAt":
			ls.LandAt = r.time()
		case "objects":
			ls.Objects = r.objects()
		}
	})
	return ls
}

// objects reads a list of object items as stateWalker.objects does.
func (r *jsonReader) objects() []ObjectState {
	idx, names := objectKeys()
	var out []ObjectState
	r.list(func(line int) {
		o := ObjectState{line: line, keyLines: map[string]int{}}
		m := reflect.ValueOf(&o.Mapping).Elem()
		r.object(names, func(key string, keyLine int) {
			o.keyLines[key] = keyLine
			if r.null() {
				return
			}
			f := idx[key]
			if f < 0 {
				s := r.str()
				o.BodyBase64 = &s
				return
			}
			field := m.Field(f)
			switch field.Type().Elem().Kind() {
			case reflect.Bool:
				v := r.bool()
				field.Set(reflect.ValueOf(&v))
			case reflect.Int64:
				v := r.int64()
				field.Set(reflect.ValueOf(&v))
			default:
				s := r.str()
				field.Set(reflect.ValueOf(&s))
			}
		})
		out = append(out, o)
	})
	return out
}
