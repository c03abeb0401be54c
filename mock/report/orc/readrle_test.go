package orc_test

// Decoders for the test reader, written from the ORC v1 specification's sections
// "Compression", "Byte Run Length Encoding", "Boolean Run Length Encoding" and
// "Integer Run Length Encoding, version 2", all four sub-encodings included, so
// that files from any writer can be read, not only what this package writes.

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
)

// decompress undoes ORC's chunked ZLIB: 3-byte little-endian headers holding
// length*2 + isOriginal, each chunk raw deflate or stored. It fails when a chunk
// expands beyond block bytes.
func decompress(b []byte, block int) ([]byte, error) {
	var out []byte
	for len(b) > 0 {
		if len(b) < 3 {
			return nil, errors.New("short chunk header")
		}
		h := int(b[0]) | int(b[1])<<8 | int(b[2])<<16
		n, original := h>>1, h&1 == 1
		b = b[3:]
		if n > len(b) {
			return nil, fmt.Errorf("chunk of %d bytes, %d left", n, len(b))
		}
		var chunk []byte
		if original {
			chunk = b[:n]
		} else {
			var err error
			if chunk, err = io.ReadAll(flate.NewReader(bytes.NewReader(b[:n]))); err != nil {
				return nil, err
			}
		}
		if len(chunk) > block {
			return nil, fmt.Errorf("chunk expands to %d bytes, block is %d", len(chunk), block)
		}
		out = append(out, chunk...)
		b = b[n:]
	}
	return out, nil
}

func decodeByteRLE(b []byte) ([]byte, error) {
	var out []byte
	for len(b) > 0 {
		c := int8(b[0])
		if c >= 0 {
			if len(b) < 2 {
				return nil, errors.New("short byte run")
			}
			for i := 0; i < int(c)+3; i++ {
				out = append(out, b[1])
			}
			b = b[2:]
			continue
		}
		n := -int(c)
		if len(b) < 1+n {
			return nil, errors.New("short byte literals")
		}
		out = append(out, b[1:1+n]...)
		b = b[1+n:]
	}
	return out, nil
}

// bitsOf expands bytes most significant bit first.
func bitsOf(bs []byte) []bool {
	out := make([]bool, 0, 8*len(bs))
	for _, x := range bs {
		for i := 7; i >= 0; i-- {
			out = append(out, x>>i&1 == 1)
		}
	}
	return out
}

func decodeBoolRLE(b []byte) ([]bool, error) {
	bs, err := decodeByteRLE(b)
	return bitsOf(bs), err
}

// rleWidth is the 5-bit width table of RLE v2.
func rleWidth(code int) int {
	switch {
	case code <= 23:
		return code + 1
	case code == 24:
		return 26
	case code == 25:
		return 28
	case code == 26:
		return 30
	}
	return []int{32, 40, 48, 56, 64}[code-27]
}

// closestFixed rounds a width up to one of the table's widths (patch entries are
// packed at it).
func closestFixed(w int) int {
	for _, f := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26, 28, 30, 32, 40, 48, 56, 64} {
		if f >= w {
			return f
		}
	}
	return 64
}

type bitReader struct {
	b   []byte
	pos int // in bits
}

func (r *bitReader) read(w int) (uint64, error) {
	var v uint64
	for i := 0; i < w; i++ {
		if r.pos/8 >= len(r.b) {
			return 0, errors.New("short bit-packed values")
		}
		v = v<<1 | uint64(r.b[r.pos/8]>>(7-r.pos%8)&1)
		r.pos++
	}
	return v, nil
}

// alignedEnd is how many bytes the reader used, the last one padded.
func (r *bitReader) alignedEnd() int { return (r.pos + 7) / 8 }

// decodeRLEv2 decodes every value of an integer RLE v2 stream.
func decodeRLEv2(b []byte, signed bool) ([]int64, error) {
	var out []int64
	dec := func(u uint64) int64 {
		if signed {
			return unzig(u)
		}
		return int64(u)
	}
	for len(b) > 0 {
		var vs []int64
		var used int
		var err error
		switch b[0] >> 6 {
		case 0:
			vs, used, err = shortRepeat(b, dec)
		case 1:
			vs, used, err = direct(b, dec)
		case 2:
			vs, used, err = patchedBase(b)
		case 3:
			vs, used, err = deltaRun(b, signed, dec)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
		b = b[used:]
	}
	return out, nil
}

func shortRepeat(b []byte, dec func(uint64) int64) ([]int64, int, error) {
	w, n := int(b[0]>>3&7)+1, int(b[0]&7)+3
	if len(b) < 1+w {
		return nil, 0, errors.New("short SHORT_REPEAT")
	}
	var u uint64
	for _, x := range b[1 : 1+w] {
		u = u<<8 | uint64(x)
	}
	vs := make([]int64, n)
	for i := range vs {
		vs[i] = dec(u)
	}
	return vs, 1 + w, nil
}

func direct(b []byte, dec func(uint64) int64) ([]int64, int, error) {
	if len(b) < 2 {
		return nil, 0, errors.New("short DIRECT header")
	}
	w, n := rleWidth(int(b[0]>>1&0x1f)), (int(b[0]&1)<<8|int(b[1]))+1
	r := bitReader{b: b[2:]}
	vs := make([]int64, n)
	for i := range vs {
		u, err := r.read(w)
		if err != nil {
			return nil, 0, err
		}
		vs[i] = dec(u)
	}
	return vs, 2 + r.alignedEnd(), nil
}

func patchedBase(b []byte) ([]int64, int, error) {
	if len(b) < 4 {
		return nil, 0, errors.New("short PATCHED_BASE header")
	}
	w, n := rleWidth(int(b[0]>>1&0x1f)), (int(b[0]&1)<<8|int(b[1]))+1
	bw, pw := int(b[2]>>5)+1, rleWidth(int(b[2]&0x1f))
	pgw, pll := int(b[3]>>5)+1, int(b[3]&0x1f)
	p := 4
	if len(b) < p+bw {
		return nil, 0, errors.New("short PATCHED_BASE base")
	}
	var base uint64
	for _, x := range b[p : p+bw] {
		base = base<<8 | uint64(x)
	}
	p += bw
	signBit := uint64(1) << (8*bw - 1)
	baseVal := int64(base &^ signBit)
	if base&signBit != 0 {
		baseVal = -baseVal
	}
	r := bitReader{b: b[p:]}
	data := make([]uint64, n)
	for i := range data {
		u, err := r.read(w)
		if err != nil {
			return nil, 0, err
		}
		data[i] = u
	}
	p += r.alignedEnd()
	r = bitReader{b: b[p:]}
	ew := closestFixed(pw + pgw)
	idx := 0
	for range pll {
		e, err := r.read(ew)
		if err != nil {
			return nil, 0, err
		}
		gap, patch := int(e>>pw), e&(1<<pw-1)
		idx += gap
		if patch == 0 && gap == 255 {
			continue
		}
		if idx >= n {
			return nil, 0, errors.New("patch beyond the run")
		}
		data[idx] |= patch << w
	}
	p += r.alignedEnd()
	vs := make([]int64, n)
	for i, d := range data {
		vs[i] = baseVal + int64(d)
	}
	return vs, p, nil
}

func deltaRun(b []byte, signed bool, dec func(uint64) int64) ([]int64, int, error) {
	if len(b) < 2 {
		return nil, 0, errors.New("short DELTA header")
	}
	code, n := int(b[0]>>1&0x1f), (int(b[0]&1)<<8|int(b[1]))+1
	w := 0
	if code != 0 {
		w = rleWidth(code)
	}
	p := 2
	bu, k, err := readVarint(b[p:])
	if err != nil {
		return nil, 0, err
	}
	p += k
	du, k, err := readVarint(b[p:])
	if err != nil {
		return nil, 0, err
	}
	p += k
	base, delta := dec(bu), unzig(du)
	vs := make([]int64, 0, n)
	vs = append(vs, base)
	if w == 0 {
		for i := 1; i < n; i++ {
			vs = append(vs, vs[i-1]+delta)
		}
		return vs, p, nil
	}
	if n > 1 {
		vs = append(vs, base+delta)
	}
	r := bitReader{b: b[p:]}
	for i := 2; i < n; i++ {
		u, err := r.read(w)
		if err != nil {
			return nil, 0, err
		}
		if delta < 0 {
			vs = append(vs, vs[i-1]-int64(u))
		} else {
			vs = append(vs, vs[i-1]+int64(u))
		}
	}
	return vs, p + r.alignedEnd(), nil
}
