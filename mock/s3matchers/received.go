package s3matchers

import (
	"fmt"
	"strconv"

	"github.com/s3invmock/s3invmock/mock"
)

// HaveReceived matches a fake that received op at least once; narrow it with
// ForBucket and WithID, and count with Times:
//
//	Expect(fake).To(HaveReceived(mock.PutBucketInventoryConfiguration).ForBucket("reports").Times(2))
//
// Every attempt counts: a call the SDK retried twice was received three times.
func HaveReceived(op mock.Operation) *ReceivedMatcher {
	return &ReceivedMatcher{op: op, times: -1}
}

// ReceivedMatcher is the matcher of HaveReceived.
type ReceivedMatcher struct {
	op      mock.Operation
	bucket  *string
	id      *string
	times   int // -1: at least once
	count   int
	entries []mock.Entry
}

// ForBucket counts only requests for bucket.
func (m *ReceivedMatcher) ForBucket(bucket string) *ReceivedMatcher { m.bucket = &bucket; return m }

// WithID counts only requests whose ?id is id.
func (m *ReceivedMatcher) WithID(id string) *ReceivedMatcher { m.id = &id; return m }

// Times asks for exactly n requests (0 included) instead of at least one.
func (m *ReceivedMatcher) Times(n int) *ReceivedMatcher { m.times = n; return m }

// Match implements types.GomegaMatcher.
func (m *ReceivedMatcher) Match(actual any) (bool, error) {
	entries, err := entriesOf(actual)
	if err != nil {
		return false, fmt.Errorf("HaveReceived: %w", err)
	}
	m.entries, m.count = entries, 0
	for _, e := range entries {
		if e.Operation == m.op && (m.bucket == nil || e.Bucket == *m.bucket) && (m.id == nil || e.ID == *m.id) {
			m.count++
		}
	}
	if m.times < 0 {
		return m.count > 0, nil
	}
	return m.count == m.times, nil
}

// what reads like: PutBucketInventoryConfiguration for bucket "reports" exactly 2 times.
func (m *ReceivedMatcher) what() string {
	s := string(m.op)
	if m.bucket != nil {
		s += " for bucket " + strconv.Quote(*m.bucket)
	}
	if m.id != nil {
		s += " with id " + strconv.Quote(*m.id)
	}
	if m.times < 0 {
		return s + " at least once"
	}
	return s + " exactly " + times(m.times)
}

func times(n int) string {
	if n == 1 {
		return "1 time"
	}
	return strconv.Itoa(n) + " times"
}

// FailureMessage implements types.GomegaMatcher.
func (m *ReceivedMatcher) FailureMessage(any) string {
	return fmt.Sprintf("Expected the fake to have received %s, but it received it %s.\n%s",
		m.what(), times(m.count), describe(m.entries))
}

// NegatedFailureMessage implements types.GomegaMatcher.
func (m *ReceivedMatcher) NegatedFailureMessage(any) string {
	return fmt.Sprintf("Expected the fake not to have received %s, but it received it %s.\n%s",
		m.what(), times(m.count), describe(m.entries))
}
