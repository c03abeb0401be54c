package object

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// FillerBlockSize is the period of the filler pattern: the length of the lowercase
// hex SHA-256 of the key.
const FillerBlockSize = 64

// Filler is the content of an object version seeded without a Body: Size bytes of
// the lowercase hex SHA-256 of its Key, repeated. C: S3 has no such thing; the
// pattern is printable, differs per key (a test that reads the wrong object sees
// other bytes) and any byte costs O(1), so Range reads are cheap.
type Filler struct {
	block [FillerBlockSize]byte
	size  int64
}

// NewFiller returns the filler of size bytes for key. A negative size is read as 0.
func NewFiller(key string, size int64) Filler {
	var f Filler
	sum := sha256.Sum256([]byte(key))
	hex.Encode(f.block[:], sum[:])
	f.size = max(size, 0)
	return f
}

// Size is the filler's length in bytes.
func (f Filler) Size() int64 { return f.size }

// ReadAt implements io.ReaderAt over the filler's bytes.
func (f Filler) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("object: filler read at negative offset %d", off)
	}
	if off >= f.size {
		return 0, io.EOF
	}
	n := min(int64(len(p)), f.size-off)
	// One period at the read's phase, then doubling copies of what is written: a
	// whole number of periods stays periodic, so a 64 KiB read is a dozen copies, not
	// a thousand (GetObject streams fillers through this).
	j := int(off % FillerBlockSize)
	filled := copy(p[:n], f.block[j:])
	filled += copy(p[filled:n], f.block[:j])
	for int64(filled) < n {
		filled += copy(p[filled:n], p[:filled])
	}
	if n < int64(len(p)) {
		return int(n), io.EOF
	}
	return int(n), nil
}

// MD5 is the MD5 of the filler's bytes: the default ETag of a version without Body.
// It costs one MD5 pass over Size bytes.
func (f Filler) MD5() [md5.Size]byte {
	h := md5.New()
	var buf [FillerBlockSize * 64]byte
	for i := 0; i < len(buf) && int64(i) < f.size; i += FillerBlockSize {
		copy(buf[i:], f.block[:])
	}
	for left := f.size; left > 0; {
		n := min(left, int64(len(buf)))
		h.Write(buf[:n])
		left -= n
	}
	var out [md5.Size]byte
	h.Sum(out[:0])
	return out
}
