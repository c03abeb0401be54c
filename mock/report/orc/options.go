package orc

import "fmt"

// Option changes how a Writer lays out its file.
type Option func(*config)

type config struct {
	blockSize   int
	stride      int
	stripeRows  int
	fastDeflate bool
}

// The defaults, as in the inventory ORC files S3 writes: ZLIB chunks of 262,144 bytes
// (the PostScript's compressionBlockSize) and a row index entry every 10,000 rows
// (the Footer's rowIndexStride).
const (
	DefaultCompressionBlockSize = 262144
	DefaultRowIndexStride       = 10000
	// DefaultStripeRows is the project's choice, not a measured S3 value: S3's small
	// files have one stripe, and the Java writer cuts stripes by size (64 MiB by
	// default); 250,000 inventory rows of about 150 bytes stay well under that and
	// bound a Writer's memory to one such stripe.
	DefaultStripeRows = 250000
)

// maxBlockSize is the largest chunk a 3-byte chunk header can describe: its length
// field is 23 bits wide.
const maxBlockSize = 1<<23 - 1

// WithCompressionBlockSize sets the largest uncompressed size of a compression chunk.
// Default DefaultCompressionBlockSize (262,144); at most 8,388,607.
func WithCompressionBlockSize(n int) Option { return func(c *config) { c.blockSize = n } }

// WithRowIndexStride sets the rows per row index entry. Default DefaultRowIndexStride
// (10,000); 0 writes no ROW_INDEX streams and records stride 0 in the Footer.
func WithRowIndexStride(n int) Option { return func(c *config) { c.stride = n } }

// WithStripeRows sets how many rows a stripe holds before the Writer starts another.
// Default DefaultStripeRows (250,000).
func WithStripeRows(n int) Option { return func(c *config) { c.stripeRows = n } }

// FastDeflateLevel is the level of WithFastDeflate: BestSpeed, which on a
// million inventory rows costs about a third of the time of levels 3 to 6 for files
// within 2% of their size.
const FastDeflateLevel = 1

// WithFastDeflate compresses the ZLIB chunks with github.com/klauspost/compress/flate
// at FastDeflateLevel instead of the standard library's compress/flate at its default
// level: several times faster, files somewhat larger. The chunks are raw deflate
// either way, as ORC's ZLIB kind requires, and the same rows give the same bytes with
// the same module versions (go.mod pins them). Default off, so that files written
// before the option existed keep their bytes.
func WithFastDeflate() Option { return func(c *config) { c.fastDeflate = true } }

func newConfig(opts []Option) (config, error) {
	c := config{
		blockSize:  DefaultCompressionBlockSize,
		stride:     DefaultRowIndexStride,
		stripeRows: DefaultStripeRows,
	}
	for _, o := range opts {
		o(&c)
	}
	switch {
	case c.blockSize < 1 || c.blockSize > maxBlockSize:
		return c, fmt.Errorf("orc: compression block size %d: want 1 to %d", c.blockSize, maxBlockSize)
	case c.stride < 0:
		return c, fmt.Errorf("orc: row index stride %d: want 0 or more", c.stride)
	case c.stripeRows < 1:
		return c, fmt.Errorf("orc: stripe rows %d: want 1 or more", c.stripeRows)
	}
	return c, nil
}
