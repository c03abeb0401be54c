package mock

import (
	"bytes"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/object"
)

// ClockState is the inventory clock in a snapshot: written only while it is
// simulated, so that a restore goes on from the same instant. A state without one (a
// seed, or a snapshot of a wall-clock server) leaves the server's clock as it is.
type ClockState struct {
	Now       time.Time `json:"now" yaml:"now"`
	Simulated bool      `json:"simulated" yaml:"simulated"`
}

// ScheduleState is one configuration's schedule in a snapshot: its first PUT on the
// inventory clock and its versions since (Inventory, or Deleted), oldest first. A
// state without schedules starts each configuration's at the time of loading.
type ScheduleState struct {
	Bucket   string                 `json:"bucket" yaml:"bucket"`
	ID       string                 `json:"id" yaml:"id"`
	FirstPut time.Time              `json:"firstPut" yaml:"firstPut"`
	Versions []ScheduleVersionState `json:"versions" yaml:"versions"`
}

// ScheduleVersionState is a configuration as it stands from At on.
type ScheduleVersionState struct {
	At        time.Time `json:"at" yaml:"at"`
	Inventory string    `json:"inventory,omitempty" yaml:"inventory,omitempty"`
	Deleted   bool      `json:"deleted,omitempty" yaml:"deleted,omitempty"`
}

// LandingState is a late delivery's files, which land at LandAt (see Delivery).
type LandingState struct {
	Seq         uint64        `json:"seq" yaml:"seq"`
	Destination string        `json:"destination" yaml:"destination"`
	LandAt      time.Time     `json:"landAt" yaml:"landAt"`
	Objects     []ObjectState `json:"objects" yaml:"objects"`
}

// renderClock adds the clock, the schedules and the landings to a snapshot.
func (s *Server) renderClock(st *State) {
	if s.clock.Simulated() {
		st.Clock = &ClockState{Now: s.now(), Simulated: true}
		for _, sc := range s.store.schedules() {
			ss := ScheduleState{Bucket: sc.bucket, ID: sc.id, FirstPut: sc.firstPut.UTC()}
			for _, v := range sc.versions {
				vs := ScheduleVersionState{At: v.at.UTC(), Deleted: v.deleted}
				if !v.deleted {
					vs.Inventory = string(bytes.TrimPrefix(v.config.appendGet(nil), []byte(wire.Declaration)))
				}
				ss.Versions = append(ss.Versions, vs)
			}
			st.Schedules = append(st.Schedules, ss)
		}
	}
	for _, l := range s.store.pendingLandings() {
		st.Landings = append(st.Landings, LandingState{Seq: l.Seq, Destination: l.Dest, LandAt: l.At.UTC(),
			Objects: renderObjects(l.Files)})
	}
}

// loadNow is the instant a state is loaded at: its clock's, else the server's.
func (s *Server) loadNow(st *State) time.Time {
	if st.Clock != nil && st.Clock.Simulated {
		return st.Clock.Now.UTC()
	}
	return s.now()
}

// compileClock checks the schedules and landings of st against its buckets and
// installs the schedules there; it returns the landings.
func (s *Server) compileClock(st *State, buckets map[string]*bucketState) ([]landing, []StateProblem) {
	var problems []StateProblem
	dec := newSeedDecoder()
	for i, ss := range st.Schedules {
		path := fmt.Sprintf("schedules[%d]", i)
		b, ok := buckets[ss.Bucket]
		switch {
		case !ok:
			problems = append(problems, problemAt(0, path+".bucket", "no bucket %q in this state", ss.Bucket))
			continue
		case len(ss.Versions) == 0:
			problems = append(problems, problemAt(0, path+".versions", "must list at least one version"))
			continue
		}
		sc := &schedule{firstPut: ss.FirstPut.UTC()}
		for j, vs := range ss.Versions {
			v := scheduleVersion{at: vs.At.UTC(), deleted: vs.Deleted}
			vp := fmt.Sprintf("%s.versions[%d]", path, j)
			if j > 0 && !v.at.After(sc.versions[j-1].at) {
				problems = append(problems, problemAt(0, vp+".at", "must be after the previous version's"))
			}
			if !vs.Deleted {
				cfg, e := dec.decode(vs.Inventory)
				if e != nil {
					problems = append(problems, problemAt(0, vp+".inventory", "%s: %s", e.Code, e.Message))
					continue
				}
				v.config = newStoredConfiguration(cfg)
			}
			sc.versions = append(sc.versions, v)
		}
		if b.schedules == nil {
			b.schedules = map[string]*schedule{}
		}
		if len(sc.versions) > 0 {
			b.schedules[ss.ID] = sc
		}
	}
	var out []landing
	pk := &object.Packer{}
	for i, ls := range st.Landings {
		path := fmt.Sprintf("landings[%d]", i)
		b, ok := buckets[ls.Destination]
		if !ok {
			problems = append(problems, problemAt(0, path+".destination", "no bucket %q in this state", ls.Destination))
			continue
		}
		files, ps := resolveObjects(ls.Objects, path+".objects", object.Defaults{Owner: CanonicalUserID(b.Owner), LastModified: ls.LandAt}, pk)
		problems = append(problems, ps...)
		out = append(out, landing{Seq: ls.Seq, Dest: ls.Destination, At: ls.LandAt.UTC(), Files: sortedVersions(files)})
	}
	return out, problems
}

// clockTop reads the top-level clock, schedules and landings keys.
func (w *stateWalker) clockTop(key string, v *yaml.Node, path string, st *State) {
	switch key {
	case "clock":
		c := &ClockState{}
		w.mapping(v, path, []string{"now", "simulated"}, func(k string, v *yaml.Node, p string) {
			if k == "now" {
				c.Now = w.time(v, p)
			} else if err := v.Decode(&c.Simulated); err != nil || v.Tag != "!!bool" {
				w.add(v.Line, p, "must be true or false")
			}
		})
		st.Clock = c
	case "schedules":
		w.list(v, path, func(_ int, item *yaml.Node, p string) {
			var ss ScheduleState
			w.mapping(item, p, []string{"bucket", "firstPut", "id", "versions"}, func(k string, v *yaml.Node, p string) {
				switch k {
				case "bucket":
					ss.Bucket = w.str(v, p)
				case "id":
					ss.ID = w.str(v, p)
				case "firstPut":
					ss.FirstPut = w.time(v, p)
				case "versions":
					w.list(v, p, func(_ int, item *yaml.Node, p string) {
						var vs ScheduleVersionState
						w.mapping(item, p, []string{"at", "deleted", "inventory"}, func(k string, v *yaml.Node, p string) {
							switch k {
							case "at":
								vs.At = w.time(v, p)
							case "inventory":
								vs.Inventory = w.str(v, p)
							case "deleted":
								if err := v.Decode(&vs.Deleted); err != nil || v.Tag != "!!bool" {
									w.add(v.Line, p, "must be true or false")
								}
							}
						})
						ss.Versions = append(ss.Versions, vs)
					})
				}
			})
			st.Schedules = append(st.Schedules, ss)
		})
	case "landings":
		w.list(v, path, func(_ int, item *yaml.Node, p string) {
			var ls LandingState
			w.mapping(item, p, []string{"destination", "landAt", "objects", "seq"}, func(k string, v *yaml.Node, p string) {
				switch k {
				case "seq":
					if err := v.Decode(&ls.Seq); err != nil || v.Tag != "!!int" {
						w.add(v.Line, p, "must be a whole number")
					}
				case "destination":
					ls.Destination = w.str(v, p)
				case "landAt":
					ls.LandAt = w.time(v, p)
				case "objects":
					ls.Objects = w.objects(v, p)
				}
			})
			st.Landings = append(st.Landings, ls)
		})
	}
}

// time reads an RFC 3339 time.
func (w *stateWalker) time(v *yaml.Node, path string) time.Time {
	s := w.str(v, path)
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		w.add(v.Line, path, "not an RFC 3339 time such as 2026-11-25T01:00:00Z: %q", s)
	}
	return t.UTC()
}
