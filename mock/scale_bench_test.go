package mock_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// scaleDocument is a typical configuration (a filter, a prefix, two optional fields),
// about 600 bytes as a client sends it.
func scaleDocument(id string) string {
	return `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::inventory-reports</Bucket><Prefix>reports/</Prefix></S3BucketDestination>` +
		`</Destination><Schedule><Frequency>Daily</Frequency></Schedule><Filter><Prefix>data/</Prefix>` +
		`</Filter><IncludedObjectVersions>Current</IncludedObjectVersions><OptionalFields><Field>Size` +
		`</Field><Field>LastModifiedDate</Field></OptionalFields></InventoryConfiguration>`
}

// scaleState is buckets x perBucket configurations, built in Go.
func scaleState(buckets, perBucket int) *mock.State {
	st := &mock.State{Buckets: make([]mock.BucketState, buckets)}
	for b := range buckets {
		docs := make([]string, perBucket)
		for i := range docs {
			docs[i] = scaleDocument(fmt.Sprintf("config-%05d", i))
		}
		st.Buckets[b] = mock.BucketState{Name: fmt.Sprintf("bucket-%04d", b), Inventory: docs}
	}
	return st
}

// scaleSeedYAML is scaleState as a seed file.
func scaleSeedYAML(buckets, perBucket int) []byte {
	var sb strings.Builder
	sb.WriteString("buckets:\n")
	for b := range buckets {
		fmt.Fprintf(&sb, "  - name: bucket-%04d\n    inventory:\n", b)
		for i := range perBucket {
			sb.WriteString("      - '")
			sb.WriteString(scaleDocument(fmt.Sprintf("config-%05d", i)))
			sb.WriteString("'\n")
		}
	}
	return []byte(sb.String())
}

// heapInuse is HeapInuse after two collections, in MiB.
func heapInuse() float64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}

// BenchmarkListPage is one List page from buckets of different sizes: its cost must
// not grow with the bucket (O(page)).
func BenchmarkListPage(b *testing.B) {
	for _, n := range []int{200, 1000} {
		for _, page := range []string{"first", "middle"} {
			b.Run(fmt.Sprintf("configs=%d/%s", n, page), func(b *testing.B) {
				srv := mock.New()
				if err := srv.LoadState(scaleState(1, n)); err != nil {
					b.Fatal(err)
				}
				target := "/bucket-0000?inventory"
				if page == "middle" {
					target = middleToken(b, srv, n)
				}
				req := httptest.NewRequest("GET", target, nil)
				w := newDiscardWriter()
				b.ReportAllocs()
				for b.Loop() {
					w.reset()
					srv.ServeHTTP(w, req)
					if w.status != http.StatusOK {
						b.Fatalf("status %d", w.status)
					}
				}
			})
		}
	}
}

// middleToken is the List target of the page that starts in the middle of the bucket
// (page 2 of 200 configurations, page 6 of 1,000).
func middleToken(b *testing.B, srv *mock.Server, n int) string {
	target := "/bucket-0000?inventory"
	for range max(1, n/200) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		body := rec.Body.String()
		_, tok, ok := strings.Cut(body, "<NextContinuationToken>")
		if !ok {
			b.Fatalf("no token in %s", body)
		}
		tok, _, _ = strings.Cut(tok, "<")
		target = "/bucket-0000?inventory&continuation-token=" + strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(tok)
	}
	return target
}

// BenchmarkMillionConfigurations fills 1,000 buckets with 1,000 configurations each
// through the Go API (opt-in: S3INVBENCH_SCALE=1, it takes a while) and reports the
// heap they occupy, the process's resident set once the collector has returned what
// it can, and the latency of List pages from random buckets and positions.
func BenchmarkMillionConfigurations(b *testing.B) {
	if os.Getenv("S3INVBENCH_SCALE") == "" {
		b.Skip("set S3INVBENCH_SCALE=1 to load a million configurations")
	}
	const buckets, perBucket = 1000, 1000
	before := heapInuse()
	srv := mock.New()
	start := time.Now()
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for bk := w; bk < buckets; bk += workers {
				name := fmt.Sprintf("bucket-%04d", bk)
				if err := srv.AddBucket(name); err != nil {
					panic(err)
				}
				for i := range perBucket {
					if err := srv.PutConfigurationXML(name, []byte(scaleDocument(fmt.Sprintf("config-%05d", i)))); err != nil {
						panic(err)
					}
				}
			}
		})
	}
	wg.Wait()
	fill := time.Since(start)
	heap := heapInuse() - before
	debug.FreeOSMemory()
	rss := residentMiB()
	rng := rand.New(rand.NewPCG(1, 2))
	w := newDiscardWriter()
	var lat []time.Duration
	for b.Loop() {
		bucket := rng.IntN(buckets)
		req := httptest.NewRequest("GET", fmt.Sprintf("/bucket-%04d?inventory", bucket), nil)
		if rng.IntN(2) == 0 { // the second page
			req = httptest.NewRequest("GET", fmt.Sprintf("/bucket-%04d?inventory&continuation-token=%s",
				bucket, tokenAfter(b, srv, bucket, "")), nil)
		}
		w.reset()
		t0 := time.Now()
		srv.ServeHTTP(w, req)
		lat = append(lat, time.Since(t0))
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
	slices.Sort(lat)
	b.ReportMetric(heap, "heap-MiB")
	b.ReportMetric(rss, "rss-MiB")
	b.ReportMetric(fill.Seconds(), "fill-s")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	runtime.KeepAlive(srv)
}

// residentMiB is the process's VmRSS in MiB (0 where /proc is missing).
func residentMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb float64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb / 1024
		}
	}
	return 0
}

// tokenAfter asks srv for a page token that resumes after the given Id: it lists the
// page that ends there (PageSize tweaks are a scenario's; a token is only issued by
// List), so it walks from a page boundary. Good enough: any token is a page start.
func tokenAfter(b *testing.B, srv *mock.Server, bucket int, _ string) string {
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", fmt.Sprintf("/bucket-%04d?inventory", bucket), nil))
	_, tok, ok := strings.Cut(rec.Body.String(), "<NextContinuationToken>")
	if !ok {
		b.Fatal("no token")
	}
	tok, _, _ = strings.Cut(tok, "<")
	return strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(tok)
}

// BenchmarkSeedFile parses and loads a state of buckets x 1,000 configurations (opt-in
// with S3INVBENCH_SCALE; S3INVBENCH_SCALE_BUCKETS sets buckets, default 1000): a YAML
// seed, a JSON seed, and the JSON snapshot a server holding them writes. It reports
// the resident set after loading, once the parsed file is garbage and handed back
// (as the sidecar does before it serves).
func BenchmarkSeedFile(b *testing.B) {
	if os.Getenv("S3INVBENCH_SCALE") == "" {
		b.Skip("set S3INVBENCH_SCALE=1 to parse a seed of a million configurations")
	}
	buckets := 1000
	if v := os.Getenv("S3INVBENCH_SCALE_BUCKETS"); v != "" {
		fmt.Sscan(v, &buckets)
	}
	for _, format := range []string{"yaml", "json", "json-snapshot"} {
		b.Run(format, func(b *testing.B) {
			seed := scaleSeed(b, format, buckets)
			b.ReportMetric(float64(len(seed))/(1<<20), "seed-MiB")
			for b.Loop() {
				t0 := time.Now()
				st, err := mock.ParseState(seed)
				if err != nil {
					b.Fatal(err)
				}
				parse := time.Since(t0)
				srv := mock.New()
				if err := srv.LoadState(st); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(parse.Seconds(), "parse-s")
				b.ReportMetric(time.Since(t0).Seconds()-parse.Seconds(), "load-s")
				st = nil
				debug.FreeOSMemory()
				b.ReportMetric(residentMiB(), "rss-MiB")
				runtime.KeepAlive(srv)
			}
		})
	}
}

// scaleSeed is scaleState as a file: a YAML seed, a JSON seed, or a JSON snapshot.
func scaleSeed(b *testing.B, format string, buckets int) []byte {
	if format == "yaml" {
		return scaleSeedYAML(buckets, 1000)
	}
	st := scaleState(buckets, 1000)
	if format == "json" { // as State.JSON writes it, < and > left readable, but unsealed
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(st); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	srv := mock.New()
	if err := srv.LoadState(st); err != nil {
		b.Fatal(err)
	}
	data, err := srv.State().JSON()
	if err != nil {
		b.Fatal(err)
	}
	return data
}
