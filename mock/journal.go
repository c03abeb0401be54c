package mock

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultJournalCapacity is how many requests the journal keeps before it drops the
// oldest: enough for any test's assertions, bounded for a long CI run.
const DefaultJournalCapacity = 10000

// Entry is one answered request as the journal keeps it.
type Entry struct {
	Seq        uint64        `json:"seq"`
	Time       time.Time     `json:"time"`
	Duration   time.Duration `json:"duration_ns"`
	Operation  Operation     `json:"operation"`
	Method     string        `json:"method"`
	Path       string        `json:"path"`
	Bucket     string        `json:"bucket,omitempty"`
	ID         string        `json:"id,omitempty"`
	Status     int           `json:"status"`
	ErrorCode  ErrorCode     `json:"code,omitempty"`
	RequestID  string        `json:"request_id"`
	AccessKey  string        `json:"access_key,omitempty"`
	Account    string        `json:"account,omitempty"`
	FiredRules []string      `json:"fired_rules,omitempty"`
	// InvocationID and Attempt come from the SDKs' amz-sdk-invocation-id and
	// amz-sdk-request ("attempt=2; max=3") headers: the attempts of one logical call
	// share an InvocationID.
	InvocationID string `json:"invocation_id,omitempty"`
	Attempt      int    `json:"attempt,omitempty"`
	MaxAttempts  int    `json:"max_attempts,omitempty"`
	// Exchange is the full request and response, kept only when capture is on.
	Exchange *Exchange `json:"exchange,omitempty"`
	// Truncated names (by JSON name) the fields cut to MaxEntryStringBytes.
	Truncated []string `json:"truncated,omitempty"`
}

// journal is a ring of the newest entries; it never grows past its capacity. It
// starts empty and grows as entries come, so that a short-lived server (one test)
// does not pay for ten thousand slots up front.
// Its captured bodies share one budget: an entry whose bodies do not fit in what the
// kept entries leave has them elided.
type journal struct {
	mu       sync.Mutex
	entries  []Entry
	capacity int
	next     int // index of the slot the next entry goes to, once full
	full     bool
	seq      uint64
	budget   int64 // bytes of bodies the kept entries may hold in all
	bodies   int64 // bytes of bodies the kept entries hold
}

func newJournal(capacity int, budget int64) *journal {
	if capacity <= 0 {
		capacity = DefaultJournalCapacity
	}
	return &journal{capacity: capacity, budget: max(budget, 0)}
}

func (j *journal) add(e Entry) {
	j.mu.Lock()
	j.seq++
	e.Seq = j.seq
	if j.full {
		j.bodies -= j.entries[j.next].Exchange.bodyBytes() // the entry this one replaces
	}
	e.Exchange.fitBodies(j.budget - j.bodies)
	j.bodies += e.Exchange.bodyBytes()
	if !j.full {
		j.entries = append(j.entries, e)
		if len(j.entries) == j.capacity {
			j.full = true
			j.entries = j.entries[:j.capacity:j.capacity]
		}
	} else {
		j.entries[j.next] = e
		j.next++
		if j.next == j.capacity {
			j.next = 0
		}
	}
	j.mu.Unlock()
}

// snapshot returns the kept entries, oldest first.
func (j *journal) snapshot() []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.full {
		return append([]Entry(nil), j.entries...)
	}
	out := make([]Entry, 0, len(j.entries))
	out = append(out, j.entries[j.next:]...)
	return append(out, j.entries[:j.next]...)
}

// lastSeq is the sequence number of the newest entry ever added; the journal alone
// numbers entries.
func (j *journal) lastSeq() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.seq
}

func (j *journal) clear() {
	j.mu.Lock()
	j.entries = nil
	j.next, j.full = 0, false
	j.bodies = 0
	j.mu.Unlock()
}

// Exchange is a full request and its answer, kept when capture is on, so that a
// client bug can be replayed byte for byte.
type Exchange struct {
	Method         string              `json:"method"`
	URL            string              `json:"url"`
	Host           string              `json:"host"`
	RequestHeader  map[string][]string `json:"request_header"`
	RequestBody    []byte              `json:"request_body,omitempty"`
	Status         int                 `json:"status"`
	ResponseHeader map[string][]string `json:"response_header"`
	ResponseBody   []byte              `json:"response_body,omitempty"`
	// RequestBodyElided and ResponseBodyElided are the sizes of bodies not kept: they
	// did not fit in the capture budget (WithCaptureBudget; both are elided together,
	// so an exchange is whole or plainly marked), or a recording proxy streamed the
	// request body past its cap (-record-max-body, Call.ElideBody).
	RequestBodyElided  int `json:"request_body_elided,omitempty"`
	ResponseBodyElided int `json:"response_body_elided,omitempty"`
}

// parseSDKRequest reads the SDKs' "attempt=2; max=3" header.
func parseSDKRequest(v string) (attempt, max int) {
	for _, part := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(val)
		if err != nil {
			continue
		}
		switch k {
		case "attempt":
			attempt = n
		case "max":
			max = n
		}
	}
	return attempt, max
}
