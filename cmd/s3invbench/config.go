package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Defaults of the flags, sized for a two-core machine: enough workers to keep one core
// busy serving while the other generates load, rounds long enough for a stable median.
const (
	defaultWorkers  = 8
	defaultDuration = 2 * time.Second
	defaultWarmup   = 500 * time.Millisecond
	defaultRounds   = 3
	defaultTargets  = "inproc,bare,binary,bare-proc"
)

// config is every setting of a run.
type config struct {
	workloads []string
	targets   []string // inproc, binary, bare, url
	binary    string   // path of a built s3invmock; "" builds one
	urls      []string // endpoints for the url target
	workers   int
	duration  time.Duration // measured time per target and round
	warmup    time.Duration // unmeasured time before each measurement
	rounds    int
	json      bool
	help      bool
}

// targetKinds are the values -targets accepts.
var targetKinds = []string{"inproc", "bare", "binary", "bare-proc", "url"}

// parseConfig reads the command line (without the program name). It does no I/O.
func parseConfig(args []string) (config, error) {
	c := config{}
	fs := flag.NewFlagSet("s3invbench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	workloads := fs.String("workloads", strings.Join(workloadNames(), ","), "comma-separated workloads")
	targets := fs.String("targets", defaultTargets, "comma-separated targets: inproc, bare, binary, bare-proc, url")
	fs.StringVar(&c.binary, "binary", "", "path of a built s3invmock (default: go build it)")
	fs.Func("url", "an endpoint for the url target, NAME=URL or URL (repeatable)", func(v string) error {
		c.urls = append(c.urls, v)
		return nil
	})
	fs.IntVar(&c.workers, "workers", defaultWorkers, "concurrent clients, each with a keep-alive connection")
	fs.DurationVar(&c.duration, "duration", defaultDuration, "measured time per target per round")
	fs.DurationVar(&c.warmup, "warmup", defaultWarmup, "unmeasured time before each measurement")
	fs.IntVar(&c.rounds, "rounds", defaultRounds, "rounds; each runs every target once, in turn")
	fs.BoolVar(&c.json, "json", false, "print JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help = true
			return c, nil
		}
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	c.workloads = splitList(*workloads)
	for _, w := range c.workloads {
		if _, ok := workloadByName(w); !ok {
			return config{}, fmt.Errorf("-workloads: unknown workload %q (have %s)", w, strings.Join(workloadNames(), ", "))
		}
	}
	c.targets = splitList(*targets)
	for _, t := range c.targets {
		if !slices.Contains(targetKinds, t) {
			return config{}, fmt.Errorf("-targets: unknown target %q (have %s)", t, strings.Join(targetKinds, ", "))
		}
	}
	switch {
	case len(c.workloads) == 0 || len(c.targets) == 0:
		return config{}, errors.New("-workloads and -targets must name at least one each")
	case slices.Contains(c.targets, "url") && len(c.urls) == 0:
		return config{}, errors.New("-targets url needs at least one -url")
	case c.workers < 1 || c.rounds < 1 || c.duration <= 0 || c.warmup < 0:
		return config{}, errors.New("-workers and -rounds must be at least 1, -duration positive, -warmup not negative")
	}
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func usage() string {
	return fmt.Sprintf(`usage: s3invbench [flags]

  -workloads LIST  comma-separated, default %s
  -targets LIST    inproc (the fake in this process), bare (net/http alone, same bytes,
                   in this process), binary (s3invmock), bare-proc (bare as a separate
                   process), url (each -url); default %s
  -binary PATH     a built s3invmock (default: go build ./cmd/s3invmock into a temp dir)
  -url [NAME=]URL  an endpoint for the url target (repeatable), e.g. moto=http://127.0.0.1:5000
  -workers N       concurrent keep-alive clients, default %d
  -duration D      measured time per target per round, default %s
  -warmup D        unmeasured time before each measurement, default %s
  -rounds N        rounds of every target in turn, default %d
  -json            JSON instead of a table
`, strings.Join(workloadNames(), ","), defaultTargets, defaultWorkers, defaultDuration, defaultWarmup, defaultRounds)
}
