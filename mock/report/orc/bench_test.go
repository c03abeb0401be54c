package orc_test

import (
	"math/rand/v2"
	"testing"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// countingWriter discards bytes and counts them.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkWriteMillionRows writes 1,000,000 typical inventory rows (all versions,
// nine columns) with the default options and reports the file size.
func BenchmarkWriteMillionRows(b *testing.B) {
	const n = 1_000_000
	r := rand.New(rand.NewPCG(7, 8))
	rows := make([][]orc.Value, n)
	for i := range rows {
		rows[i] = inventoryRow(r, i)
	}
	b.ResetTimer()
	var size int64
	for b.Loop() {
		var c countingWriter
		w, err := orc.NewWriter(&c, inventoryColumns)
		if err != nil {
			b.Fatal(err)
		}
		for _, row := range rows {
			if err := w.Write(row); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		size = c.n
	}
	b.ReportMetric(float64(size), "bytes/file")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/file")
}
