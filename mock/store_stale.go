package mock

import (
	"slices"
	"time"
)

// configChange is the last change of a bucket's configurations, enough to see the
// bucket as it was before it (StaleRead): the one Id it touched, that Id's
// configuration before, and when. One previous version per bucket, O(1) to keep.
type configChange struct {
	id      string
	before  storedConfiguration
	existed bool // whether id was configured before the change
	at      time.Time
	// reads counts, per StaleRead.Counter, the stale-eligible calls since the change.
	reads map[string]int
}

// noteChange records, under the write lock, that id of b is about to change at at.
func (b *bucketState) noteChange(id string, at time.Time) {
	b.firstPage.forget()
	ch := &configChange{id: id, at: at}
	if i, ok := b.find(id); ok {
		ch.before, ch.existed = b.configs[i], true
	}
	b.last = ch
}

// staleChange returns the bucket's last change when sr makes a call at now see the
// configurations as they were before it; each call with a Requests bound counts.
func (s *store) staleChange(bucket string, sr *StaleRead, now time.Time) (configChange, bool) {
	if sr == nil {
		return configChange{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok || b.last == nil {
		return configChange{}, false
	}
	ch := b.last
	stale := false
	if sr.For > 0 && now.Before(ch.at.Add(sr.For)) {
		stale = true
	}
	if sr.Requests > 0 {
		if ch.reads == nil {
			ch.reads = map[string]int{}
		}
		if ch.reads[sr.Counter] < sr.Requests {
			ch.reads[sr.Counter]++
			stale = true
		}
	}
	return configChange{id: ch.id, before: ch.before, existed: ch.existed, at: ch.at}, stale
}

// pageBefore is page over the configurations as they were before ch.
func (s *store) pageBefore(items []storedConfiguration, bucket, after string, size int, ch configChange) (_ []storedConfiguration, truncated, bucketFound bool) {
	configs, ok := s.configurations(bucket)
	if !ok {
		return items, false, false
	}
	i, found := slices.BinarySearchFunc(configs, ch.id, compareID)
	switch {
	case found && ch.existed:
		configs[i] = ch.before
	case found:
		configs = slices.Delete(configs, i, i+1)
	case ch.existed:
		configs = slices.Insert(configs, i, ch.before)
	}
	start := 0
	if after != "" {
		var at bool
		if start, at = slices.BinarySearchFunc(configs, after, compareID); at {
			start++
		}
	}
	end := min(start+size, len(configs))
	return append(items, configs[start:end]...), end < len(configs), true
}
