package object_test

import (
	"runtime"
	"testing"

	"github.com/s3invmock/s3invmock/mock/object"
)

// BenchmarkStoreMillion packs 1,000,000 generated objects and reports the heap they
// hold (goal: under 256 MiB resident).
func BenchmarkStoreMillion(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		seq, err := object.Generate(object.GenerateSpec{Count: n, Prefix: "logs/", Seed: 7}, defaults)
		if err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var p object.Packer
		store := make([]object.Stored, 0, n)
		for v := range seq {
			s, err := p.Pack(v)
			if err != nil {
				b.Fatal(err)
			}
			store = append(store, s)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-heap/1M")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B-heap/object")
		runtime.KeepAlive(store)
	}
}
