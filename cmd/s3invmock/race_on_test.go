//go:build race

package main_test

// raceEnabled skips allocation counts under the race detector (sync.Pool drops
// items at random there).
const raceEnabled = true
