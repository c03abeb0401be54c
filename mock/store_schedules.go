package mock

import (
	"cmp"
	"slices"
	"sort"
	"time"
)

// schedule is what the fake keeps of one configuration for its scheduled reports:
// the instant of its first PUT on the inventory clock, and its versions since, so
// that a scan at instant t reads the version in force at t, and none after a delete.
type schedule struct {
	firstPut time.Time
	versions []scheduleVersion // by at, ascending; never empty
}

// scheduleVersion is the configuration as it stands from at on; deleted ends the
// schedule.
type scheduleVersion struct {
	at      time.Time
	config  storedConfiguration
	deleted bool
}

// inForce is the version in force at t, and whether one is (the first PUT is at or
// before t, and the version is not a delete).
func (sc *schedule) inForce(t time.Time) (scheduleVersion, bool) {
	i := sort.Search(len(sc.versions), func(i int) bool { return sc.versions[i].at.After(t) })
	if i == 0 || sc.versions[i-1].deleted {
		return scheduleVersion{}, false
	}
	return sc.versions[i-1], true
}

// ended tells a schedule whose last version is a delete.
func (sc *schedule) ended() bool { return sc.versions[len(sc.versions)-1].deleted }

// record keeps v as the version from v.at on. A PUT that replaces a configuration
// keeps its schedule (C); a PUT after a delete starts a new one.
func (b *bucketState) record(id string, v scheduleVersion) {
	if b.schedules == nil {
		b.schedules = map[string]*schedule{}
	}
	sc := b.schedules[id]
	switch {
	case sc == nil && v.deleted:
		return
	case sc == nil || sc.ended():
		b.schedules[id] = &schedule{firstPut: v.at, versions: []scheduleVersion{v}}
		return
	}
	// A change at the same instant as the last replaces it: one instant, one version.
	if last := &sc.versions[len(sc.versions)-1]; !v.at.After(last.at) {
		*last = scheduleVersion{at: last.at, config: v.config, deleted: v.deleted}
	} else {
		sc.versions = append(sc.versions, v)
	}
	if over := len(sc.versions) - maxScheduleVersions; over > 0 {
		sc.versions = slices.Delete(sc.versions, 0, over)
	}
}

// scheduleView is a copy of one schedule, read outside the lock.
type scheduleView struct {
	bucket, id string
	schedule
}

// schedules copies every schedule, by bucket name then Id.
func (s *store) schedules() []scheduleView {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []scheduleView
	for name, b := range s.buckets {
		for id, sc := range b.schedules {
			out = append(out, scheduleView{bucket: name, id: id,
				schedule: schedule{firstPut: sc.firstPut, versions: slices.Clone(sc.versions)}})
		}
	}
	slices.SortFunc(out, func(a, b scheduleView) int {
		if a.bucket != b.bucket {
			return cmp.Compare(a.bucket, b.bucket)
		}
		return cmp.Compare(a.id, b.id)
	})
	return out
}

// pruneSchedules drops what no scan after horizon can read: versions superseded at
// or before it, and schedules ended by then.
func (s *store) pruneSchedules(horizon time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.buckets {
		for id, sc := range b.schedules {
			n := 0
			for n+1 < len(sc.versions) && !sc.versions[n+1].at.After(horizon) {
				n++
			}
			sc.versions = sc.versions[n:]
			if sc.ended() && !sc.versions[0].at.After(horizon) {
				delete(b.schedules, id)
			}
		}
	}
}
