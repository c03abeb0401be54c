package orc

// Hooks for the external test package: the encoders alone, without a file around them.

// EncodeRLEv2 returns the RLE v2 bytes of vs.
func EncodeRLEv2(vs []int64, signed bool) []byte {
	s := newOutStream(newCompressor(false), 1<<22)
	e := newIntRLE(s, signed)
	for _, v := range vs {
		e.add(v)
	}
	e.flush()
	return s.buf
}

// EncodeByteRLE returns the byte RLE bytes of bs.
func EncodeByteRLE(bs []byte) []byte {
	s := newOutStream(newCompressor(false), 1<<22)
	e := byteRLE{out: s}
	for _, b := range bs {
		e.add(b)
	}
	e.flush()
	return s.buf
}

// Compress returns p in compression chunks of at most block bytes.
func Compress(p []byte, block int) []byte { return newCompressor(false).compressAll(p, block) }
