package orc_test

// A protobuf decoder for the test reader, written from the protobuf encoding rules
// (varint keys: field number << 3 | wire type) and independent of the writer's
// encoder. Wire types 0 (varint) and 2 (length-delimited) are all ORC metadata uses;
// anything else is an error, so that a stray byte cannot pass unnoticed.

import (
	"errors"
	"fmt"
)

type pbField struct {
	u uint64 // wire type 0
	b []byte // wire type 2
}

type msg map[int][]pbField

func readVarint(b []byte) (uint64, int, error) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1, nil
		}
	}
	return 0, 0, errors.New("bad varint")
}

func parseMsg(b []byte) (msg, error) {
	m := msg{}
	for len(b) > 0 {
		key, n, err := readVarint(b)
		if err != nil {
			return nil, err
		}
		b = b[n:]
		field, wire := int(key>>3), key&7
		switch wire {
		case 0:
			v, n, err := readVarint(b)
			if err != nil {
				return nil, err
			}
			m[field] = append(m[field], pbField{u: v})
			b = b[n:]
		case 2:
			l, n, err := readVarint(b)
			if err != nil || uint64(len(b)-n) < l {
				return nil, fmt.Errorf("field %d: bad length", field)
			}
			m[field] = append(m[field], pbField{b: b[n : n+int(l)]})
			b = b[n+int(l):]
		default:
			return nil, fmt.Errorf("field %d: unexpected wire type %d", field, wire)
		}
	}
	return m, nil
}

func mustMsg(b []byte) msg {
	m, err := parseMsg(b)
	if err != nil {
		panic(err)
	}
	return m
}

func (m msg) has(f int) bool { return len(m[f]) > 0 }

func (m msg) u(f int) uint64 {
	if !m.has(f) {
		return 0
	}
	return m[f][len(m[f])-1].u
}

func (m msg) s(f int) int64 { return unzig(m.u(f)) }

func (m msg) str(f int) string {
	if !m.has(f) {
		return ""
	}
	return string(m[f][len(m[f])-1].b)
}

func (m msg) sub(f int) msg {
	if !m.has(f) {
		return msg{}
	}
	return mustMsg(m[f][len(m[f])-1].b)
}

func (m msg) subs(f int) []msg {
	var out []msg
	for _, x := range m[f] {
		out = append(out, mustMsg(x.b))
	}
	return out
}

func (m msg) strs(f int) []string {
	var out []string
	for _, x := range m[f] {
		out = append(out, string(x.b))
	}
	return out
}

// packed reads a packed repeated varint field (all of its occurrences).
func (m msg) packed(f int) []uint64 {
	var out []uint64
	for _, x := range m[f] {
		b := x.b
		for len(b) > 0 {
			v, n, err := readVarint(b)
			if err != nil {
				panic(err)
			}
			out = append(out, v)
			b = b[n:]
		}
	}
	return out
}

func unzig(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }
