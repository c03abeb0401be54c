//go:build unix

package report_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system, in all threads
// (the GC's workers included): on a shared machine it varies far less than wall
// time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
