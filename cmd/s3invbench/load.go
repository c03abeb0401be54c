package main

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// maxSamplesPerWorker bounds the latencies one worker keeps in one measurement
// (8 bytes each): far above what two cores can answer in any sane -duration.
const maxSamplesPerWorker = 4 << 20

// sample is what one measurement of one target saw.
type sample struct {
	requests   int
	unexpected int // answers whose status was not the workload's
	failed     int // transport errors
	elapsed    time.Duration
	latencies  []time.Duration
	rounds     []float64 // requests per second of each round
}

// newClient is a keep-alive client with a connection for each worker.
func newClient(workers int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConns:        workers,
		MaxIdleConnsPerHost: workers,
		MaxConnsPerHost:     workers,
		DisableCompression:  true,
		IdleConnTimeout:     time.Minute,
	}, Timeout: 30 * time.Second}
}

// measure runs workers against base for warmup (not kept), then for duration.
func measure(client *http.Client, base string, wl workload, workers int, warmup, duration time.Duration) sample {
	if warmup > 0 {
		load(client, base, wl, workers, warmup, false)
	}
	return load(client, base, wl, workers, duration, true)
}

func load(client *http.Client, base string, wl workload, workers int, d time.Duration, keep bool) sample {
	results := make([]sample, workers)
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for w := range workers {
		wg.Go(func() {
			s := &results[w]
			for i := 0; ; i++ {
				t0 := time.Now()
				if !t0.Before(end) {
					return
				}
				r := wl.next(w + i*workers)
				resp, err := send(client, base, r)
				if err != nil {
					s.failed++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				took := time.Since(t0)
				s.requests++
				if resp.StatusCode != r.want {
					s.unexpected++
				}
				if keep && len(s.latencies) < maxSamplesPerWorker {
					s.latencies = append(s.latencies, took)
				}
			}
		})
	}
	wg.Wait()
	total := sample{elapsed: time.Since(start)}
	for _, s := range results {
		total.requests += s.requests
		total.unexpected += s.unexpected
		total.failed += s.failed
		total.latencies = append(total.latencies, s.latencies...)
	}
	return total
}

// add merges another round's sample.
func (s *sample) add(o sample) {
	if o.elapsed > 0 {
		s.rounds = append(s.rounds, float64(o.requests)/o.elapsed.Seconds())
	}
	s.requests += o.requests
	s.unexpected += o.unexpected
	s.failed += o.failed
	s.elapsed += o.elapsed
	s.latencies = append(s.latencies, o.latencies...)
}
