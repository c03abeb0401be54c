package orc

import (
	"bytes"
	"compress/flate"
	"io"

	kflate "github.com/klauspost/compress/flate"
)

// compressor deflates one chunk at a time. ORC's ZLIB kind is raw deflate (RFC 1951)
// without the zlib header or checksum, and every chunk is compressed on its own so
// that a reader can start at any chunk header (ORC v1 specification, "Compression").
// One compressor serves every stream of a Writer; it is reset for each chunk.
type compressor struct {
	fw  deflater
	out bytes.Buffer
}

// deflater is what compress/flate and klauspost/compress/flate writers share.
type deflater interface {
	Reset(io.Writer)
	Write([]byte) (int, error)
	Close() error
}

// newCompressor returns the standard library's deflate at its default level, or with
// fast klauspost/compress's at FastDeflateLevel.
func newCompressor(fast bool) *compressor {
	// Neither level can make NewWriter fail; the error is for bad levels.
	if fast {
		fw, _ := kflate.NewWriter(nil, FastDeflateLevel)
		return &compressor{fw: fw}
	}
	fw, _ := flate.NewWriter(nil, flate.DefaultCompression)
	return &compressor{fw: fw}
}

// chunk appends chunk to dst behind its 3-byte header: (length*2 + isOriginal) little
// endian. When deflate does not make the chunk smaller, the original bytes are stored
// and the isOriginal bit set (the specification's example: 5 bytes that did not
// compress have the header [0x0b, 0x00, 0x00]).
func (c *compressor) chunk(dst, chunk []byte) []byte {
	c.out.Reset()
	c.fw.Reset(&c.out)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = c.fw.Write(chunk)
	_ = c.fw.Close()
	body, original := c.out.Bytes(), uint32(0)
	if len(body) >= len(chunk) {
		body, original = chunk, 1
	}
	h := uint32(len(body))<<1 | original
	dst = append(dst, byte(h), byte(h>>8), byte(h>>16))
	return append(dst, body...)
}

// compressAll compresses a whole metadata section (a footer, a stripe footer, a row
// index) in chunks of at most block bytes. An empty input gives no chunk at all.
func (c *compressor) compressAll(p []byte, block int) []byte {
	var out []byte
	for len(p) > 0 {
		n := min(block, len(p))
		out = c.chunk(out, p[:n])
		p = p[n:]
	}
	return out
}

// outStream is one column stream of the current stripe: finished compressed chunks
// plus the uncompressed bytes of the chunk being filled. A chunk is compressed as soon
// as it holds block bytes, so no chunk expands to more than the block size that the
// PostScript announces to readers.
type outStream struct {
	c     *compressor
	block int
	done  []byte // compressed chunks, headers included
	buf   []byte // the current chunk, not yet compressed
}

func newOutStream(c *compressor, block int) *outStream {
	return &outStream{c: c, block: block}
}

func (s *outStream) write(p []byte) {
	for len(p) > 0 {
		n := min(s.block-len(s.buf), len(p))
		s.buf = append(s.buf, p[:n]...)
		p = p[n:]
		if len(s.buf) == s.block {
			s.spill()
		}
	}
}

func (s *outStream) writeByte(b byte) {
	s.buf = append(s.buf, b)
	if len(s.buf) == s.block {
		s.spill()
	}
}

func (s *outStream) spill() {
	s.done = s.c.chunk(s.done, s.buf)
	s.buf = s.buf[:0]
}

// position appends the two numbers that locate the next byte of a compressed stream:
// the offset of its chunk's header in the stream and the count of decompressed bytes
// before it in that chunk (ORC v1 specification, "Row Group Index").
func (s *outStream) position(pos []uint64) []uint64 {
	return append(pos, uint64(len(s.done)), uint64(len(s.buf)))
}

// finish compresses what is left and returns the stream's bytes.
func (s *outStream) finish() []byte {
	if len(s.buf) > 0 {
		s.spill()
	}
	return s.done
}

// reset empties the stream for the next stripe, keeping its memory.
func (s *outStream) reset() {
	s.done = s.done[:0]
	s.buf = s.buf[:0]
}
