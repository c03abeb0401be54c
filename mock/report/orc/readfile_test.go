package orc_test

// The test reader's file layer, from the ORC v1 specification: it reads the tail
// backwards (psLen byte, PostScript, Footer, Metadata), checks that the stripes tile
// the body, decodes every column of every stripe, and checks each ROW_INDEX entry by
// seeking to its positions and comparing what it decodes from there with the full
// decode.

import (
	"errors"
	"fmt"
	"time"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

type orcFile struct {
	ps, footer, meta msg
	types            []msg
	names            []string
	rows             [][]orc.Value
	stripes          []msg // StripeInformation
	stripeFooters    []msg
	stats            []msg // file ColumnStatistics, column 0 first
}

func readORC(b []byte) (*orcFile, error) {
	if len(b) < 4 || string(b[:3]) != "ORC" {
		return nil, errors.New("no ORC header")
	}
	psLen := int(b[len(b)-1])
	if psLen+1 > len(b) {
		return nil, errors.New("bad postscript length")
	}
	f := &orcFile{}
	var err error
	if f.ps, err = parseMsg(b[len(b)-1-psLen : len(b)-1]); err != nil {
		return nil, fmt.Errorf("postscript: %w", err)
	}
	if f.ps.str(8000) != "ORC" || f.ps.u(2) != 1 {
		return nil, fmt.Errorf("postscript magic %q compression %d", f.ps.str(8000), f.ps.u(2))
	}
	block := int(f.ps.u(3))
	footEnd := len(b) - 1 - psLen
	footStart := footEnd - int(f.ps.u(1))
	metaStart := footStart - int(f.ps.u(5))
	if metaStart < 3 {
		return nil, errors.New("tail longer than file")
	}
	raw, err := decompress(b[footStart:footEnd], block)
	if err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	f.footer = mustMsg(raw)
	if raw, err = decompress(b[metaStart:footStart], block); err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	f.meta = mustMsg(raw)
	if int(f.footer.u(2)) != metaStart || f.footer.u(1) != 3 {
		return nil, fmt.Errorf("contentLength %d, metadata at %d", f.footer.u(2), metaStart)
	}
	f.types = f.footer.subs(4)
	if len(f.types) == 0 || f.types[0].u(1) != 12 {
		return nil, errors.New("root is not a struct")
	}
	f.names = f.types[0].strs(3)
	f.stats = f.footer.subs(7)
	f.stripes = f.footer.subs(3)
	if len(f.meta.subs(1)) != len(f.stripes) {
		return nil, errors.New("stripe statistics do not match the stripes")
	}
	next, rows := uint64(3), uint64(0)
	for i, si := range f.stripes {
		if si.u(1) != next {
			return nil, fmt.Errorf("stripe %d at %d, want %d", i, si.u(1), next)
		}
		next += si.u(2) + si.u(3) + si.u(4)
		if err := f.readStripe(b, si, block, int(f.footer.u(8))); err != nil {
			return nil, fmt.Errorf("stripe %d: %w", i, err)
		}
		rows += si.u(5)
	}
	if next != uint64(metaStart) || rows != f.footer.u(6) || uint64(len(f.rows)) != rows {
		return nil, fmt.Errorf("stripes end at %d (metadata at %d), %d rows (footer %d)", next, metaStart, rows, f.footer.u(6))
	}
	return f, nil
}

type colStreams map[uint64][]byte // by stream kind, decompressed

func (f *orcFile) readStripe(b []byte, si msg, block, stride int) error {
	off := si.u(1)
	footStart := off + si.u(2) + si.u(3)
	raw, err := decompress(b[footStart:footStart+si.u(4)], block)
	if err != nil {
		return err
	}
	sf := mustMsg(raw)
	f.stripeFooters = append(f.stripeFooters, sf)
	if sf.str(3) != "UTC" {
		return fmt.Errorf("writerTimezone %q", sf.str(3))
	}
	ncol := len(f.types)
	streams := make([]colStreams, ncol)
	compressed := make([]map[uint64][]byte, ncol)
	for i := range streams {
		streams[i], compressed[i] = colStreams{}, map[uint64][]byte{}
	}
	pos := off
	for _, s := range sf.subs(1) {
		c, kind, n := s.u(2), s.u(1), s.u(3)
		if c >= uint64(ncol) {
			return fmt.Errorf("stream of column %d", c)
		}
		compressed[c][kind] = b[pos : pos+n]
		if streams[c][kind], err = decompress(b[pos:pos+n], block); err != nil {
			return err
		}
		pos += n
	}
	if pos != footStart {
		return fmt.Errorf("streams end at %d, footer at %d", pos, footStart)
	}
	n := int(si.u(5))
	cols := make([][]orc.Value, ncol)
	for c := 1; c < ncol; c++ {
		if cols[c], err = decodeColumn(f.types[c].u(1), streams[c], n); err != nil {
			return fmt.Errorf("column %d: %w", c, err)
		}
		if stride > 0 {
			if err := checkIndex(f.types[c].u(1), streams[c], compressed[c], cols[c], stride, block); err != nil {
				return fmt.Errorf("column %d index: %w", c, err)
			}
		}
	}
	for r := range n {
		row := make([]orc.Value, ncol-1)
		for c := 1; c < ncol; c++ {
			row[c-1] = cols[c][r]
		}
		f.rows = append(f.rows, row)
	}
	return nil
}

func decodeColumn(kind uint64, s colStreams, n int) ([]orc.Value, error) {
	present := make([]bool, n)
	if p, ok := s[0]; ok {
		bits, err := decodeBoolRLE(p)
		if err != nil || len(bits) < n {
			return nil, fmt.Errorf("present: %v, %d bits", err, len(bits))
		}
		copy(present, bits)
	} else {
		for i := range present {
			present[i] = true
		}
	}
	nn := 0
	for _, p := range present {
		if p {
			nn++
		}
	}
	vals, err := decodeValues(kind, s, nn)
	if err != nil {
		return nil, err
	}
	out := make([]orc.Value, n)
	j := 0
	for i := range out {
		if present[i] {
			out[i] = vals[j]
			j++
		}
	}
	return out, nil
}

// decodeValues decodes at least nn non-null values of a column's streams.
func decodeValues(kind uint64, s colStreams, nn int) ([]orc.Value, error) {
	var out []orc.Value
	switch kind {
	case 7: // STRING, DIRECT_V2: DATA bytes, LENGTH unsigned RLE v2
		lens, err := decodeRLEv2(s[2], false)
		if err != nil || len(lens) < nn {
			return nil, fmt.Errorf("lengths: %v (%d of %d)", err, len(lens), nn)
		}
		data := s[1]
		for _, l := range lens[:nn] {
			if int(l) > len(data) {
				return nil, errors.New("string data too short")
			}
			out = append(out, orc.Str(string(data[:l])))
			data = data[l:]
		}
	case 0: // BOOLEAN: DATA boolean RLE
		bits, err := decodeBoolRLE(s[1])
		if err != nil || len(bits) < nn {
			return nil, fmt.Errorf("booleans: %v", err)
		}
		for _, b := range bits[:nn] {
			out = append(out, orc.Bool(b))
		}
	case 4: // LONG: DATA signed RLE v2
		vs, err := decodeRLEv2(s[1], true)
		if err != nil || len(vs) < nn {
			return nil, fmt.Errorf("longs: %v", err)
		}
		for _, v := range vs[:nn] {
			out = append(out, orc.Int(v))
		}
	case 9: // TIMESTAMP: DATA signed seconds since 2015, SECONDARY unsigned nanos
		secs, err := decodeRLEv2(s[1], true)
		if err != nil || len(secs) < nn {
			return nil, fmt.Errorf("seconds: %v", err)
		}
		nanos, err := decodeRLEv2(s[5], false)
		if err != nil || len(nanos) < nn {
			return nil, fmt.Errorf("nanos: %v", err)
		}
		for i := range nn {
			out = append(out, orc.Time(readerTime(secs[i], uint64(nanos[i]))))
		}
	default:
		return nil, fmt.Errorf("type kind %d", kind)
	}
	return out, nil
}

// readerTime applies the specification's timestamp rules the way the C++ reader does:
// trailing zeros restored, seconds moved from 2015 to 1970, and one second taken away
// when the seconds are negative and the nanoseconds exceed 999,999.
func readerTime(secs int64, enc uint64) time.Time {
	ns := int64(enc >> 3)
	if z := enc & 7; z != 0 {
		for range z + 1 {
			ns *= 10
		}
	}
	s := secs + 1420070400
	if s < 0 && ns > 999999 {
		s--
	}
	return time.Unix(s, ns).UTC()
}
