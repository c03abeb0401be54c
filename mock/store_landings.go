package mock

import (
	"cmp"
	"slices"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
)

// landing is a late delivery's files, waiting for the inventory clock to reach At.
type landing struct {
	Seq   uint64 // the delivery's
	Dest  string // the destination bucket
	At    time.Time
	Files []object.Stored // in report order (sortedVersions)
}

func compareLanding(a, b landing) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// addLanding keeps l among the landings, in order. The caller holds the lock.
func (s *store) addLanding(l landing) {
	i, _ := slices.BinarySearchFunc(s.landings, l, compareLanding)
	s.setLandings(slices.Insert(s.landings, i, l))
}

// setLandings replaces the landings. The caller holds the lock.
func (s *store) setLandings(ls []landing) {
	s.landings = ls
	s.pending.Store(int64(len(ls)))
}

// land writes the files of every landing due by now into their buckets, oldest
// first. A destination deleted since is skipped: the files go with it.
func (s *store) land(now time.Time) {
	if s.pending.Load() == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for n < len(s.landings) && !s.landings[n].At.After(now) {
		l := s.landings[n]
		if b, ok := s.buckets[l.Dest]; ok {
			b.objects = mergeObjects(b.objects, l.Files)
		}
		n++
	}
	if n > 0 {
		s.setLandings(slices.Delete(slices.Clone(s.landings), 0, n))
	}
}

// nextLanding is the instant of the first landing, if any.
func (s *store) nextLanding() (time.Time, bool) {
	if s.pending.Load() == 0 {
		return time.Time{}, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.landings) == 0 {
		return time.Time{}, false
	}
	return s.landings[0].At, true
}

// pendingLandings returns the landings, for snapshots; the files are shared.
func (s *store) pendingLandings() []landing {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.landings)
}

// settle lands every late delivery the inventory clock has reached: the wall clock
// moves by itself, so each request and each Go read settles first.
// The clock is read only when a landing waits: every request settles.
func (s *Server) settle() {
	if s.store.pending.Load() != 0 {
		s.store.land(s.now())
	}
}
