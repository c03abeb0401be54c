package mocktest

import "fmt"

// ExampleTB is a TB for code that has no *testing.T: Example functions, a small
// program that drives the fake. Close runs the cleanups registered with it, newest
// first, as testing does at the end of a test; Fatalf panics with the message.
//
//	t := new(mocktest.ExampleTB)
//	defer t.Close()
//	fake := mocktest.Start(t, mocktest.Bucket("reports"))
type ExampleTB struct{ cleanups []func() }

// Helper does nothing: there is no test log to attribute lines in.
func (t *ExampleTB) Helper() {}

// Cleanup registers f to run at Close.
func (t *ExampleTB) Cleanup(f func()) { t.cleanups = append(t.cleanups, f) }

// Fatalf panics with the formatted message: an example has no test to fail.
func (t *ExampleTB) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// Close runs the registered cleanups, newest first, and forgets them.
func (t *ExampleTB) Close() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
	t.cleanups = nil
}
