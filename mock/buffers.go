package mock

import "sync"

// maxPooledBuffer is the largest answer buffer kept for reuse: a full List page of
// large configurations fits; a rare larger one is left to the collector.
const maxPooledBuffer = 512 << 10

// buffers holds the byte slices Get and List answers are rendered into. A writer
// never keeps the slice it is given (io.Writer's contract), so a buffer goes back to
// the pool as soon as it is written.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func getBuffer() *[]byte { return buffers.Get().(*[]byte) }

func putBuffer(b *[]byte) {
	if cap(*b) > maxPooledBuffer {
		return
	}
	*b = (*b)[:0]
	buffers.Put(b)
}
