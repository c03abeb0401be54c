package report_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

// benchmarkMillion delivers 1,000,000 packed objects with every optional field and
// reports the bytes delivered, the peak heap above the packed store and the CPU time
// of the delivery (goal: under 5 s, and peak extra memory under 3x the bytes
// delivered plus 64 MiB). Run it alone, with -benchtime 1x.
func benchmarkMillion(b *testing.B, f report.Format) {
	const n = 1_000_000
	seq, err := object.Generate(object.GenerateSpec{Count: n, Prefix: "logs/", Seed: 7},
		object.Defaults{Owner: owner, LastModified: scanAt})
	if err != nil {
		b.Fatal(err)
	}
	var p object.Packer
	store := make([]object.Stored, 0, n)
	for v := range seq {
		s, err := p.Pack(v)
		if err != nil {
			b.Fatal(err)
		}
		store = append(store, s)
	}
	objects := func(yield func(object.Version) bool) {
		for i := range store {
			if !yield(store[i].Version()) {
				return
			}
		}
	}
	spec := goldenSpec(f)
	for b.Loop() {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		peak := sampleHeap()
		cpu := processCPU()
		d, err := report.Deliver(spec, objects)
		cpu = processCPU() - cpu
		top := peak()
		if err != nil {
			b.Fatal(err)
		}
		var bytes int64
		for _, file := range d.Files {
			bytes += file.Size
		}
		b.ReportMetric(float64(bytes)/(1<<20), "MiB-delivered")
		b.ReportMetric(float64(top-base.HeapAlloc)/(1<<20), "MiB-peak-extra-heap")
		b.ReportMetric(float64(d.Rows), "rows")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
	}
}

// sampleHeap polls the heap size every 5 ms until the returned function is called,
// which returns the highest value seen. Polling is coarse but cannot miss a
// plateau, and a delivery's heap grows by plateaus (finished files).
func sampleHeap() func() uint64 {
	var high uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			high = max(high, m.HeapAlloc)
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return high
	}
}

func BenchmarkDeliverMillionCSV(b *testing.B)     { benchmarkMillion(b, report.FormatCSV) }
func BenchmarkDeliverMillionParquet(b *testing.B) { benchmarkMillion(b, report.FormatParquet) }
func BenchmarkDeliverMillionORC(b *testing.B)     { benchmarkMillion(b, report.FormatORC) }
