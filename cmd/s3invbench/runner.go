package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
)

// runAll runs every workload of cfg on every target and returns the report. Progress
// goes to log.
func runAll(cfg config, log io.Writer) (*report, error) {
	dir, err := os.MkdirTemp("", "s3invbench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	binary := cfg.binary
	if slices.Contains(cfg.targets, "binary") && binary == "" {
		fmt.Fprintln(log, "s3invbench: building s3invmock")
		if binary, err = buildBinary(dir); err != nil {
			return nil, err
		}
	}
	rep := newReport(cfg)
	for _, name := range cfg.workloads {
		wl, _ := workloadByName(name)
		rows, err := runWorkload(cfg, wl, binary, dir, log)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rep.Rows = append(rep.Rows, rows...)
	}
	return rep, nil
}

// runWorkload starts the targets, sets each up, and measures them in turn, round
// after round.
func runWorkload(cfg config, wl workload, binary, dir string, log io.Writer) ([]row, error) {
	var targets []*target
	defer func() {
		for _, t := range targets {
			t.close()
		}
	}()
	for _, kind := range cfg.targets {
		var t *target
		var err error
		// A scenario workload runs each fake twice, with and without the scenario, in
		// the same rounds: the rows compare directly.
		if wl.scenario && (kind == "inproc" || kind == "binary") {
			plain := workload{name: wl.name, next: wl.next}
			if kind == "inproc" {
				t, err = startInProcess(plain)
			} else {
				t, err = startBinary(binary, dir, plain)
			}
			if err != nil {
				return nil, fmt.Errorf("target %s: %w", kind, err)
			}
			t.name += noRules
			targets = append(targets, t)
		}
		switch kind {
		case "inproc":
			t, err = startInProcess(wl)
		case "binary":
			t, err = startBinary(binary, dir, wl)
		case "bare":
			t, err = startBare(wl)
		case "bare-proc":
			t, err = startBareProc(wl, dir)
		case "url":
			for _, u := range cfg.urls {
				targets = append(targets, startURL(u))
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", kind, err)
		}
		targets = append(targets, t)
	}
	clients := make([]clientFor, len(targets))
	for i, t := range targets {
		clients[i] = clientFor{t, newClient(cfg.workers)}
		defer clients[i].client.CloseIdleConnections()
		if t.setup {
			if err := setUp(clients[i].client, t.url); err != nil {
				return nil, err
			}
		}
	}
	samples := map[string]*sample{}
	for _, c := range clients {
		samples[c.t.name] = &sample{}
	}
	for round := 1; round <= cfg.rounds; round++ {
		for _, c := range clients {
			fmt.Fprintf(log, "s3invbench: %s round %d/%d on %s\n", wl.name, round, cfg.rounds, c.t.name)
			samples[c.t.name].add(measure(c.client, c.t.url, wl, cfg.workers, cfg.warmup, cfg.duration))
		}
	}
	return summarize(wl.name, targets, samples), nil
}

// noRules names the run of a fake without the workload's scenario.
const noRules = "-no-rules"

type clientFor struct {
	t      *target
	client *http.Client
}
