package mock_test

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/object"
)

// benchObjects is the size of the bulk benchmarks: a million source objects.
const benchObjects = 1_000_000

// objectsBenchServer holds src with n generated objects and a CSV configuration into
// reports.
func objectsBenchServer(b *testing.B, n int) *mock.Server {
	b.Helper()
	srv := mock.New(mock.WithClock(func() time.Time { return deliverNow }))
	for _, name := range []string{"src", "reports"} {
		if err := srv.AddBucket(name); err != nil {
			b.Fatal(err)
		}
	}
	doc := fmt.Sprintf(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination>` +
		`<Bucket>arn:aws:s3:::reports</Bucket><Format>CSV</Format></S3BucketDestination></Destination><IsEnabled>true</IsEnabled>` +
		`<Id>daily</Id><IncludedObjectVersions>All</IncludedObjectVersions><OptionalFields><Field>Size</Field>` +
		`<Field>LastModifiedDate</Field><Field>ETag</Field><Field>StorageClass</Field><Field>EncryptionStatus</Field></OptionalFields>` +
		`<Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`)
	if err := srv.PutConfigurationXML("src", []byte(doc)); err != nil {
		b.Fatal(err)
	}
	if err := srv.GenerateObjects("src", object.GenerateSpec{Count: n, Prefix: "logs/", Seed: 7}); err != nil {
		b.Fatal(err)
	}
	return srv
}

// BenchmarkDeliverCSV delivers a million generated objects through Server.Deliver and
// reports the bytes delivered and the peak heap seen while delivering.
func BenchmarkDeliverCSV(b *testing.B) {
	srv := objectsBenchServer(b, benchObjects)
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // samples the heap while the deliveries run
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}
	}()
	var bytes int64
	b.ResetTimer()
	for b.Loop() {
		d, err := srv.Deliver("src", "daily")
		if err != nil || d.Rows != benchObjects {
			b.Fatalf("delivery: %v, %d rows", err, d.Rows)
		}
		for _, k := range d.Keys {
			v, _, _ := srv.Object("reports", k)
			bytes += v.Size
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(bytes)/float64(b.N)/(1<<20), "MiB-delivered/op")
	b.ReportMetric(float64(peak.Load())/(1<<20), "MiB-peak-heap")
}

// BenchmarkResidentObjects measures the heap a million generated objects keep in the
// store (target: under 256 MiB).
func BenchmarkResidentObjects(b *testing.B) {
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		srv := objectsBenchServer(b, benchObjects)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-resident")
		runtime.KeepAlive(srv)
	}
}
