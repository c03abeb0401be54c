//go:build !unix

package report_test

import "time"

// processCPU is not measured here; the benchmarks then report 0 CPU seconds.
func processCPU() time.Duration { return 0 }
