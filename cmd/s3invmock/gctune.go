package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// gcHeadroom is how far past the live heap the sidecar lets its heap grow before
// the next collection (up to gcPercentCap), when that is more than Go's default (GOGC=100, twice the live
// heap). A sidecar serving a few configurations has a live heap of 2-5 MiB, so with
// the default it collected every few milliseconds under load: 8% of its CPU on
// put-replace (perf). Choice: 64 MiB more at most under load; at rest nothing is
// allocated and the process stays where it was (7 MiB resident); with a live heap
// past 64 MiB (a large seed) the default applies unchanged.
const gcHeadroom = 64 << 20

// tuneGC keeps the GC percent at max(100, gcHeadroom/live heap), re-computed after
// every collection, unless GOGC is set (the user's word wins). It lasts as long as
// the process.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	percent := 100
	var rearm func()
	rearm = func() {
		// A finalizer runs after the collection that found its object unreachable:
		// once per cycle, on the finalizer goroutine. 16 bytes: a smaller object
		// without pointers would share a block of the tiny allocator and might never
		// be finalized.
		sentinel := new([16]byte)
		runtime.SetFinalizer(sentinel, func(*[16]byte) {
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return // a runtime without the metric: the default stays
			}
			if live := sample[0].Value.Uint64(); live > 0 {
				p := gcPercentFor(live)
				if p*10 < percent*9 || p*9 > percent*10 { // moved by more than a tenth
					percent = p
					debug.SetGCPercent(p)
				}
			}
			rearm()
		})
	}
	rearm()
}

// gcPercentFor is the GC percent for a live heap of live bytes: a target of
// gcHeadroom past it, or Go's default when that is more.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return 100
	}
	return min(gcPercentCap, max(100, int(gcHeadroom*100/live)))
}

// gcPercentCap bounds the percent, as it is applied a collection late: a live heap
// that grows from 2 MiB to 70 MiB in one cycle (a PUT /_mock/state) gets a goal of 9
// times it for that cycle, not 33 times.
const gcPercentCap = 800
