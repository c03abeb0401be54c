package report

// fileBuffer collects the bytes of one data file in chunks that are never moved, so
// that a growing file is never copied (a bytes.Buffer doubles, and holds the old and
// the new array at once), and Bytes copies them once into a slice of the exact size.
// Chunks start small, so that a small file stays small, and double up to
// maxFileChunk.
type fileBuffer struct {
	chunks [][]byte
	n      int
}

const (
	minFileChunk = 8 << 10 // small: a schedule makes thousands of small files
	maxFileChunk = 4 << 20
)

// Write appends p; it never fails.
func (b *fileBuffer) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		last := len(b.chunks) - 1
		if last < 0 || len(b.chunks[last]) == cap(b.chunks[last]) {
			size := minFileChunk
			if last >= 0 {
				size = min(2*cap(b.chunks[last]), maxFileChunk)
			}
			b.chunks = append(b.chunks, make([]byte, 0, size))
			last++
		}
		c := b.chunks[last]
		k := min(cap(c)-len(c), len(p))
		b.chunks[last] = append(c, p[:k]...)
		p = p[k:]
	}
	b.n += n
	return n, nil
}

// Bytes returns everything written, in one slice of its own, and releases the chunks.
func (b *fileBuffer) Bytes() []byte {
	out := make([]byte, 0, b.n)
	for _, c := range b.chunks {
		out = append(out, c...)
	}
	b.chunks, b.n = nil, 0
	return out
}
