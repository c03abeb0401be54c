package main_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"

	s3invmock "github.com/s3invmock/s3invmock/cmd/s3invmock"
	"github.com/s3invmock/s3invmock/mock"
)

// getEntry is the journal entry of an ordinary Get.
var getEntry = mock.Entry{Operation: "GetBucketInventoryConfiguration", Method: "GET", Path: "/reports",
	Bucket: "reports", ID: "daily-csv", Status: 200, Duration: 1234567 * time.Nanosecond,
	RequestID: "4442587FB7D0A2F9"}

// lineTime is a time with every digit of a timestamp set.
var lineTime = time.Date(2026, 12, 1, 22, 28, 42, 123456789, time.UTC)

var _ = Describe("the request log line", func() {
	DescribeTable("is slog's line, byte for byte, in text and JSON",
		func(change func(*mock.Entry), now time.Time) {
			e := getEntry
			change(&e)
			for _, json := range []bool{false, true} {
				got, _ := s3invmock.AppendRequestLine(json, e, now)
				Expect(got).To(Equal(s3invmock.SlogRequestLine(json, e, now)), "json=%v", json)
			}
		},
		Entry("a Get", func(*mock.Entry) {}, lineTime),
		Entry("an error with fired rules", func(e *mock.Entry) {
			e.Status, e.ErrorCode, e.FiredRules = 403, "AccessDenied", []string{"deny-all", "slow"}
		}, lineTime),
		Entry("one rule", func(e *mock.Entry) { e.FiredRules = []string{"r1"} }, lineTime),
		Entry("no rules, not nil", func(e *mock.Entry) { e.FiredRules = []string{} }, lineTime),
		Entry("a rule that needs quoting", func(e *mock.Entry) { e.FiredRules = []string{`a"b`, "c=d"} }, lineTime),
		Entry("empty fields", func(e *mock.Entry) { *e = mock.Entry{} }, lineTime),
		Entry("a path with a space, an equals sign and a quote", func(e *mock.Entry) { e.Path = `/b/a key=1"x` }, lineTime),
		Entry("a backslash", func(e *mock.Entry) { e.Path = `/b/a\b` }, lineTime),
		Entry("control characters", func(e *mock.Entry) { e.Path = "/b/\x00\t\n\x7f" }, lineTime),
		Entry("non-ASCII, printable and not", func(e *mock.Entry) { e.Path = "/b/é\u2028\u00a0\xff" }, lineTime),
		Entry("HTML characters", func(e *mock.Entry) { e.Path = "/b/<a>&"; e.FiredRules = []string{"<&>"} }, lineTime),
		Entry("a long duration", func(e *mock.Entry) { e.Duration = 26*time.Hour + 3*time.Millisecond }, lineTime),
		Entry("a negative duration", func(e *mock.Entry) { e.Duration = -time.Microsecond }, lineTime),
		Entry("a whole second", func(e *mock.Entry) { e.Duration = 0 }, lineTime.Truncate(time.Second)),
		Entry("another zone", func(e *mock.Entry) {}, lineTime.In(time.FixedZone("", 5*3600+1800))),
		Entry("a year past 9999", func(e *mock.Entry) {}, lineTime.AddDate(8000, 0, 0)),
		Entry("the same second again", func(e *mock.Entry) {}, lineTime.Add(time.Millisecond)),
		Entry("the same second again, no fraction", func(e *mock.Entry) {}, lineTime.Truncate(time.Second)),
		Entry("a fraction with trailing zeros", func(e *mock.Entry) {}, lineTime.Truncate(time.Second).Add(120*time.Millisecond)),
	)

	It("reaches its writer from many goroutines at once, all of it by the flush", func() {
		out := gbytes.NewBuffer()
		log, closeLog := s3invmock.RequestLog("text", out)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for range 20 {
					log(getEntry)
				}
			})
		}
		wg.Wait()
		closeLog()
		Expect(strings.Count(string(out.Contents()), " msg=request ")).To(Equal(160))
	})

	It("is formatted without allocating", func() {
		if raceEnabled {
			Skip("allocation counts differ under -race")
		}
		for _, format := range []string{"text", "json"} {
			log, closeLog := s3invmock.RequestLog(format, io.Discard)
			e := getEntry
			e.FiredRules = []string{"r1"}
			Expect(testing.AllocsPerRun(1000, func() { log(e) })).To(BeZero(), format)
			closeLog()
		}
	})
})

// FuzzRequestLine holds the formatter to slog's handlers on any entry and time.
func FuzzRequestLine(f *testing.F) {
	f.Add("/reports", "reports", "daily-csv", "", "r1", int64(1234567), 200, int64(0))
	f.Add(`/b/a key=1"x`, "", "é", "NoSuchKey", "a b", int64(-1), 0, int64(-3600))
	f.Add("/\x00\u2028\xff", "<&>", "\\", "=", "", int64(1<<62), 999, int64(1))
	f.Fuzz(func(t *testing.T, path, bucket, id, code, rule string, dur int64, status int, offset int64) {
		e := mock.Entry{Operation: "GetObject", Method: "GET", Path: path, Bucket: bucket, ID: id,
			Status: status, ErrorCode: mock.ErrorCode(code), Duration: time.Duration(dur), RequestID: id}
		if rule != "" {
			e.FiredRules = []string{rule, rule}
		}
		now := lineTime.Add(time.Duration(offset) * time.Millisecond).In(time.FixedZone("", int(offset%50000)))
		// The second time is in the same location, often in the same second: the
		// formatted second is then the cached one.
		for _, at := range []time.Time{now, now.Add(time.Duration(dur%1e9) % time.Second)} {
			for _, json := range []bool{false, true} {
				got, _ := s3invmock.AppendRequestLine(json, e, at)
				if want := s3invmock.SlogRequestLine(json, e, at); got != want {
					t.Fatalf("json=%v\n got %q\nwant %q", json, got, want)
				}
			}
		}
	})
}

// BenchmarkRequestLog is one request's log line, formatted and handed to the writer,
// beside the slog path it replaced.
func BenchmarkRequestLog(b *testing.B) {
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			log, closeLog := s3invmock.RequestLog(format, io.Discard)
			defer closeLog()
			b.ReportAllocs()
			for b.Loop() {
				log(getEntry)
			}
		})
		b.Run(format+"-slog", func(b *testing.B) {
			log := s3invmock.SlogRequestLog(format, io.Discard)
			b.ReportAllocs()
			for b.Loop() {
				log(getEntry)
			}
		})
	}
}

// BenchmarkGetWithRequestLog is a Get through the fake's handler (no socket) with no
// request log, the sidecar's, and the slog one it replaced: the log's share of a Get.
func BenchmarkGetWithRequestLog(b *testing.B) {
	logSidecar, closeLog := s3invmock.RequestLog("text", io.Discard)
	defer closeLog()
	for _, bc := range []struct {
		name string
		opts []mock.Option
	}{
		{"none", nil},
		{"sidecar", []mock.Option{mock.WithOnRequest(logSidecar)}},
		{"slog", []mock.Option{mock.WithOnRequest(s3invmock.SlogRequestLog("text", io.Discard))}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv := mock.New(bc.opts...)
			if err := srv.AddBucket("reports"); err != nil {
				b.Fatal(err)
			}
			if err := srv.PutConfigurationXML("reports", document("daily", "p/")); err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest("GET", "/reports?inventory&id=daily", nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatal(w.Code)
				}
			}
		})
	}
}
