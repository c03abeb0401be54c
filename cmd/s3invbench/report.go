package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"text/tabwriter"
	"time"
)

// row is one workload on one target, all rounds together.
type row struct {
	Workload  string  `json:"workload"`
	Target    string  `json:"target"`
	Requests  int     `json:"requests"`
	ReqPerSec float64 `json:"req_per_sec"`
	P50       float64 `json:"p50_us"`
	P99       float64 `json:"p99_us"`
	Max       float64 `json:"max_us"`
	// VsBare is the median over rounds of the throughput over the bare ceiling's in
	// the same round (neighbours in time, so a noisy machine disturbs it least); 0
	// when no bare target ran.
	VsBare     float64 `json:"vs_bare,omitempty"`
	Unexpected int     `json:"unexpected_status"`
	Failed     int     `json:"failed"`
}

// report is a whole run.
type report struct {
	GoVersion string        `json:"go_version"`
	CPUs      int           `json:"cpus"`
	Workers   int           `json:"workers"`
	Duration  time.Duration `json:"duration_ns"`
	Warmup    time.Duration `json:"warmup_ns"`
	Rounds    int           `json:"rounds"`
	Rows      []row         `json:"rows"`
}

func newReport(cfg config) *report {
	return &report{GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Workers: cfg.workers,
		Duration: cfg.duration, Warmup: cfg.warmup, Rounds: cfg.rounds}
}

// summarize turns the samples of one workload into rows, in the order of targets.
// In-process targets are compared with bare, other processes with bare-proc (or bare
// when bare-proc did not run).
func summarize(workload string, targets []*target, samples map[string]*sample) []row {
	rows := make([]row, 0, len(targets))
	for _, t := range targets {
		s := samples[t.name]
		r := row{Workload: workload, Target: t.name, Requests: s.requests, Unexpected: s.unexpected, Failed: s.failed}
		if s.elapsed > 0 {
			r.ReqPerSec = float64(s.requests) / s.elapsed.Seconds()
		}
		if len(s.latencies) > 0 {
			slices.Sort(s.latencies)
			r.P50 = micros(percentile(s.latencies, 0.50))
			r.P99 = micros(percentile(s.latencies, 0.99))
			r.Max = micros(s.latencies[len(s.latencies)-1])
		}
		rows = append(rows, r)
	}
	for i, t := range targets {
		ceiling := samples["bare"]
		if t.external && samples["bare-proc"] != nil {
			ceiling = samples["bare-proc"]
		}
		if ceiling != nil {
			rows[i].VsBare = medianRatio(samples[t.name].rounds, ceiling.rounds)
		}
	}
	return rows
}

// medianRatio is the median of a[i]/b[i] over the rounds both have.
func medianRatio(a, b []float64) float64 {
	var ratios []float64
	for i := range min(len(a), len(b)) {
		if b[i] > 0 {
			ratios = append(ratios, a[i]/b[i])
		}
	}
	if len(ratios) == 0 {
		return 0
	}
	slices.Sort(ratios)
	if n := len(ratios); n%2 == 0 {
		return (ratios[n/2-1] + ratios[n/2]) / 2
	}
	return ratios[len(ratios)/2]
}

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

func (rep *report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func (rep *report) writeTable(w io.Writer) error {
	fmt.Fprintf(w, "s3invbench: %s, %d CPUs, %d workers, %d rounds of %s (+%s warm-up) per target\n\n",
		rep.GoVersion, rep.CPUs, rep.Workers, rep.Rounds, rep.Duration, rep.Warmup)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\ttarget\treq/s\tp50 µs\tp99 µs\tmax µs\tvs bare*\terrors\t")
	for _, r := range rep.Rows {
		vs := "-"
		if r.VsBare > 0 {
			vs = fmt.Sprintf("%.2f", r.VsBare)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.0f\t%.0f\t%.0f\t%s\t%d\t\n", r.Workload, r.Target, r.ReqPerSec,
			r.P50, r.P99, r.Max, vs, r.Unexpected+r.Failed)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\n* median over rounds of throughput / bare's in the same round; binary and URLs\n  against bare-proc when it ran")
	return err
}
