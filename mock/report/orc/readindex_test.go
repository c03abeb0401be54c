package orc_test

import (
	"fmt"
	"slices"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// checkIndex reads a column's RowIndex and, for every entry, seeks each stream to the
// entry's positions (chunk offset, decompressed bytes to skip, values to skip, and for
// booleans bits to skip, concatenated stream by stream as the specification's "Row
// Group Index" says) and checks that what it decodes from there is the rest of the
// stripe's values starting at the entry's first row. It also checks each entry's
// value count.
func checkIndex(kind uint64, s colStreams, comp map[uint64][]byte, vals []orc.Value, stride, block int) error {
	entries := mustMsg(s[6]).subs(1)
	if want := (len(vals) + stride - 1) / stride; len(entries) != want {
		return fmt.Errorf("%d entries, want %d", len(entries), want)
	}
	for k, e := range entries {
		pos := e.packed(1)
		row := k * stride
		nnBefore, nnIn := 0, 0
		for i, v := range vals {
			if !v.IsNull() && i < row {
				nnBefore++
			}
			if !v.IsNull() && i >= row && i < row+stride {
				nnIn++
			}
		}
		if got := e.sub(2).u(1); got != uint64(nnIn) {
			return fmt.Errorf("entry %d counts %d values, want %d", k, got, nnIn)
		}
		take := func(n int) ([]uint64, error) {
			if len(pos) < n {
				return nil, fmt.Errorf("entry %d: %d positions left, want %d", k, len(pos), n)
			}
			p := pos[:n]
			pos = pos[n:]
			return p, nil
		}
		if _, ok := s[0]; ok {
			p, err := take(4)
			if err != nil {
				return err
			}
			if err := seekBools(comp[0], s[0], p, row, block); err != nil {
				return fmt.Errorf("entry %d PRESENT: %w", k, err)
			}
		}
		var err error
		switch kind {
		case 7:
			lens, _ := decodeRLEv2(s[2], false)
			var p []uint64
			if p, err = take(2); err == nil {
				offset := 0
				for _, l := range lens[:nnBefore] {
					offset += int(l)
				}
				var from []byte
				if from, err = seek(comp[1], p, block); err == nil {
					err = suffix(s[1], from, offset)
				}
			}
			if err == nil {
				if p, err = take(3); err == nil {
					err = seekInts(comp[2], s[2], p, false, nnBefore, block)
				}
			}
		case 0:
			var p []uint64
			if p, err = take(4); err == nil {
				err = seekBools(comp[1], s[1], p, nnBefore, block)
			}
		case 4, 9:
			var p []uint64
			if p, err = take(3); err == nil {
				err = seekInts(comp[1], s[1], p, true, nnBefore, block)
			}
			if err == nil && kind == 9 {
				if p, err = take(3); err == nil {
					err = seekInts(comp[5], s[5], p, false, nnBefore, block)
				}
			}
		}
		if err != nil {
			return fmt.Errorf("entry %d: %w", k, err)
		}
		if len(pos) != 0 {
			return fmt.Errorf("entry %d: %d positions left over", k, len(pos))
		}
	}
	return nil
}

// seek decompresses a stream from a chunk header and skips decompressed bytes.
func seek(comp []byte, p []uint64, block int) ([]byte, error) {
	if p[0] > uint64(len(comp)) {
		return nil, fmt.Errorf("chunk offset %d beyond %d bytes", p[0], len(comp))
	}
	b, err := decompress(comp[p[0]:], block)
	if err != nil {
		return nil, err
	}
	if p[1] > uint64(len(b)) {
		return nil, fmt.Errorf("offset %d beyond chunk", p[1])
	}
	return b[p[1]:], nil
}

// suffix checks that from is full's tail starting at index at.
func suffix[T comparable](full, from []T, at int) error {
	if len(full)-len(from) != at || !slices.Equal(full[at:], from) {
		return fmt.Errorf("seek lands at %d, want %d", len(full)-len(from), at)
	}
	return nil
}

func seekInts(comp, full []byte, p []uint64, signed bool, at, block int) error {
	b, err := seek(comp, p, block)
	if err != nil {
		return err
	}
	from, err := decodeRLEv2(b, signed)
	if err != nil {
		return err
	}
	if p[2] > uint64(len(from)) {
		return fmt.Errorf("skip %d of %d values", p[2], len(from))
	}
	all, _ := decodeRLEv2(full, signed)
	return suffix(all, from[p[2]:], at)
}

func seekBools(comp, full []byte, p []uint64, at, block int) error {
	b, err := seek(comp, p, block)
	if err != nil {
		return err
	}
	bs, err := decodeByteRLE(b)
	if err != nil {
		return err
	}
	if p[2] > uint64(len(bs)) || p[3] > 8 {
		return fmt.Errorf("skip %d bytes of %d, %d bits", p[2], len(bs), p[3])
	}
	from := bitsOf(bs[p[2]:])[p[3]:]
	all, _ := decodeBoolRLE(full)
	return suffix(all, from, at)
}
