package s3matchers

import (
	"fmt"
	"strings"

	"github.com/onsi/gomega/types"

	"github.com/s3invmock/s3invmock/mock"
)

// HaveOneCallRetried matches a fake that received exactly one logical call of op, made
// of retries+1 attempts. Attempts are grouped by the SDKs' amz-sdk-invocation-id
// header (mock.Entry.InvocationID); a request without one is a call of its own.
//
//	Expect(fake).To(HaveOneCallRetried(mock.PutBucketInventoryConfiguration, 2)) // 3 attempts
func HaveOneCallRetried(op mock.Operation, retries int) types.GomegaMatcher {
	return &retriedMatcher{op: op, retries: retries}
}

type retriedMatcher struct {
	op      mock.Operation
	retries int
	calls   []call
	entries []mock.Entry
}

// call is one logical call: the attempts that share an invocation id.
type call struct {
	invocation string
	attempts   []mock.Entry
}

// callsOf groups the entries of op by invocation id, in order of first attempt.
func callsOf(entries []mock.Entry, op mock.Operation) []call {
	var calls []call
	index := map[string]int{}
	for _, e := range entries {
		if e.Operation != op {
			continue
		}
		if i, ok := index[e.InvocationID]; ok && e.InvocationID != "" {
			calls[i].attempts = append(calls[i].attempts, e)
			continue
		}
		index[e.InvocationID] = len(calls)
		calls = append(calls, call{invocation: e.InvocationID, attempts: []mock.Entry{e}})
	}
	return calls
}

func (m *retriedMatcher) Match(actual any) (bool, error) {
	entries, err := entriesOf(actual)
	if err != nil {
		return false, fmt.Errorf("HaveOneCallRetried: %w", err)
	}
	m.entries, m.calls = entries, callsOf(entries, m.op)
	return len(m.calls) == 1 && len(m.calls[0].attempts) == m.retries+1, nil
}

// summary reads like: 2 calls of PutBucketInventoryConfiguration: invocation 1f2e...: 3
// attempts (503 SlowDown, 503 SlowDown, 204); ...
func (m *retriedMatcher) summary() string {
	if len(m.calls) == 0 {
		return fmt.Sprintf("no call of %s", m.op)
	}
	parts := make([]string, len(m.calls))
	for i, c := range m.calls {
		answers := make([]string, len(c.attempts))
		for j, e := range c.attempts {
			answers[j] = strings.TrimSpace(fmt.Sprintf("%d %s", e.Status, e.ErrorCode))
		}
		id := c.invocation
		if id == "" {
			id = "(none)"
		}
		parts[i] = fmt.Sprintf("invocation %s: %d attempt(s) (%s)", id, len(c.attempts), strings.Join(answers, ", "))
	}
	return fmt.Sprintf("%d call(s) of %s: %s", len(m.calls), m.op, strings.Join(parts, "; "))
}

func (m *retriedMatcher) FailureMessage(any) string {
	return fmt.Sprintf("Expected one call of %s retried %s (%d attempts), but got %s.\n%s",
		m.op, times(m.retries), m.retries+1, m.summary(), describe(m.entries))
}

func (m *retriedMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected anything but one call of %s retried %s, but got %s.\n%s",
		m.op, times(m.retries), m.summary(), describe(m.entries))
}
