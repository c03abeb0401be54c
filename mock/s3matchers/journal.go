package s3matchers

import (
	"fmt"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// journaled is anything that keeps a journal: *mock.Server, *mocktest.Fake.
type journaled interface{ Journal() []mock.Entry }

// entriesOf reads the journal of a matcher's actual value.
func entriesOf(actual any) ([]mock.Entry, error) {
	switch a := actual.(type) {
	case journaled:
		return a.Journal(), nil
	case []mock.Entry:
		return a, nil
	}
	return nil, fmt.Errorf("want a *mock.Server, a *mocktest.Fake or a []mock.Entry, got %T", actual)
}

// describe lists the received requests, one line each, for failure messages.
func describe(entries []mock.Entry) string {
	if len(entries) == 0 {
		return "The fake received no request."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The fake received %d request(s):", len(entries))
	for _, e := range entries {
		b.WriteString("\n  ")
		b.WriteString(line(e))
	}
	return b.String()
}

// line renders one entry: #3 PUT /reports PutBucketInventoryConfiguration
// bucket=reports id=daily -> 503 SlowDown (invocation 1f2e..., attempt 2/3).
func line(e mock.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s %s %s", e.Seq, e.Method, e.Path, e.Operation)
	if e.Bucket != "" {
		fmt.Fprintf(&b, " bucket=%s", e.Bucket)
	}
	if e.ID != "" {
		fmt.Fprintf(&b, " id=%s", e.ID)
	}
	fmt.Fprintf(&b, " -> %d", e.Status)
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, " %s", e.ErrorCode)
	}
	if e.InvocationID != "" {
		fmt.Fprintf(&b, " (invocation %s, attempt %d/%d)", e.InvocationID, e.Attempt, e.MaxAttempts)
	}
	if len(e.FiredRules) > 0 {
		fmt.Fprintf(&b, " [rules: %s]", strings.Join(e.FiredRules, ", "))
	}
	return b.String()
}
