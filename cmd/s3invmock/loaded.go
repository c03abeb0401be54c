package main

import (
	"fmt"
	"io"
	"strconv"
)

// loaded says, once the listener is up, where the state came from and how much it holds: one line
// on stderr ("s3invmock: loaded snapshot state.yaml: 3 buckets, 12 configurations,
// 2,500 objects"), or in JSON log mode one record with msg "loaded". Which file
// wins: the replay bundle over the snapshot, the snapshot (when its file exists) over
// the seed. Nothing loaded says so too ("s3invmock: no seed: starting empty"), so that
// a CI log answers "why is my bucket not there" in its first lines.
func (s *sidecar) loaded(stderr io.Writer) {
	kind, file := "", ""
	switch {
	case s.cfg.Replay != "":
		kind, file = "replay bundle", s.cfg.Replay
	case s.from == settingName("state"):
		kind, file = "snapshot", s.cfg.State
	case s.from == settingName("seed"):
		kind, file = "seed", s.cfg.Seed
	}
	instead := ""
	if kind != "" && kind != "seed" && s.cfg.Seed != "" {
		instead = " (instead of the seed " + s.cfg.Seed + ")"
	}
	c := s.srv.Counts()
	if s.cfg.Log == "json" {
		source := kind
		if source == "" {
			source = "none"
		}
		s.log.Info("loaded", "source", source, "file", file, "buckets", c.Buckets,
			"configurations", c.Configurations, "objects", c.Objects)
		return
	}
	switch {
	case kind != "":
		fmt.Fprintf(stderr, "s3invmock: loaded %s %s%s: %s, %s, %s\n", kind, file, instead,
			count(c.Buckets, "bucket"), count(c.Configurations, "configuration"), count(c.Objects, "object"))
	case s.cfg.State != "":
		fmt.Fprintf(stderr, "s3invmock: no seed, and no snapshot at %s yet: starting empty\n", s.cfg.State)
	default:
		fmt.Fprintln(stderr, "s3invmock: no seed: starting empty")
	}
}

// count reads "1 bucket", "2,500 objects".
func count(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return thousands(n) + " " + noun
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
