//go:build !race

package mock_test

// raceEnabled scales CI-sized load specs down under the race detector.
const raceEnabled = false
