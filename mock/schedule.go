package mock

import (
	"slices"
	"time"

	"github.com/s3invmock/s3invmock/mock/inventory"
	"github.com/s3invmock/s3invmock/mock/object"
)

// The schedule of the fake (C, after S3's documented one, D): a configuration's first
// scan is at the first deliveryAt time of day (UTC) at or after its first PUT plus the
// initial delay; then Daily every day at deliveryAt, Weekly every Sunday (UTC) at
// deliveryAt. Each scan reads the version of the configuration in force at its
// instant: a disabled one is skipped (S3 generates no list, D), none is made after a
// delete. On the wall clock nothing runs by schedule; Clock.Set and Advance run it.

const day = 24 * time.Hour

// scheduledScan is one scan due by the schedule.
type scheduledScan struct {
	at         time.Time
	bucket, id string
	config     storedConfiguration
}

// firstScan is the instant of a configuration's first scan.
func (s *Server) firstScan(firstPut time.Time) time.Time {
	base := firstPut.UTC().Add(s.cfg.initialDelay)
	t := base.Truncate(day).Add(s.cfg.deliveryAt)
	if t.Before(base) {
		t = t.Add(day)
	}
	return t
}

// dueScans lists the scans due in (from, to], oldest first, then by bucket and Id.
func (s *Server) dueScans(from, to time.Time) []scheduledScan {
	var out []scheduledScan
	models := map[storedConfiguration]*inventory.Configuration{}
	for _, sc := range s.store.schedules() {
		first := s.firstScan(sc.firstPut)
		k := int64(0)
		if !first.After(from) {
			k = (from.Unix()-first.Unix())/int64(day/time.Second) + 1
		}
		for t := first.Add(time.Duration(k) * day); !t.After(to); t = t.Add(day) {
			v, ok := sc.inForce(t)
			if !ok {
				continue
			}
			cfg, seen := models[v.config]
			if !seen {
				cfg, _ = v.config.model() // nil when unreadable: Deliver records why
				models[v.config] = cfg
			}
			switch {
			case cfg != nil && !cfg.IsEnabled:
				continue
			case t.Equal(first), cfg == nil, cfg.Schedule != inventory.Weekly, t.Weekday() == time.Sunday:
				out = append(out, scheduledScan{at: t, bucket: sc.bucket, id: sc.id, config: v.config})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b scheduledScan) int { return a.at.Compare(b.at) })
	return out
}

// runSchedule makes the scans due in (from, to] and lands the late deliveries due by
// to, in time order (a landing before a scan of the same instant, so that the scan
// lists it), and returns the records of the scans.
func (s *Server) runSchedule(from, to time.Time) []Delivery {
	out := []Delivery{}
	scans := s.dueScans(from, to)
	batch := &deliveryBatch{files: map[string][][]object.Stored{}}
	defer s.flush(batch)
	for i := 0; ; {
		if at, ok := s.store.nextLanding(); ok && !at.After(to) && (i == len(scans) || !at.After(scans[i].at)) {
			s.store.land(at)
			continue
		}
		if i == len(scans) {
			break
		}
		sc := scans[i]
		i++
		if _, ok := batch.files[sc.bucket]; ok {
			s.flush(batch) // the scan lists the reports delivered into its bucket
		}
		d, _ := s.deliver(sc.bucket, sc.id, &sc.config, sc.at, sc.at, batch) // failures are in the record
		out = append(out, d)
	}
	s.store.pruneSchedules(to)
	return out
}
