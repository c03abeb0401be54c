package scenarios_test

import (
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// longestGlob is a glob of MaxGlobBytes that a run of 'a' almost matches everywhere,
// the worst case of a backtracking matcher: "*aaaa…ab".
func longestGlob() string { return "*" + strings.Repeat("a", scenarios.MaxGlobBytes-2) + "b" }

// idCall is a GetBucketInventoryConfiguration of id on bucket "logs".
func idCall(id string) *mock.Call {
	return &mock.Call{Operation: mock.GetBucketInventoryConfiguration, Method: http.MethodGet, Bucket: "logs", ID: id, Header: http.Header{}}
}

var _ = Describe("Match globs", func() {
	DescribeTable("match the whole id, * any run of bytes, ? one byte",
		func(glob, id string, want bool) {
			e := engineFor(scenarios.New().Rule("r").ID(glob).MustBuild())
			c := idCall(id)
			handle(e, &fakeS3{}, c)
			Expect(c.FiredRules).To(Equal(map[bool][]string{true: {"r"}, false: nil}[want]))
		},
		Entry("literal", "daily", "daily", true),
		Entry("literal, longer id", "daily", "daily2", false),
		Entry("star alone, empty id", "*", "", true),
		Entry("star run", "a**b", "ab", true),
		Entry("star in the middle", "d*y", "daily", true),
		Entry("star needs the suffix", "d*x", "daily", false),
		Entry("question mark", "da?ly", "daily", true),
		Entry("question mark needs a byte", "daily?", "daily", false),
		Entry("backtracks past a false start", "*ab*abc", "xabyababc", true),
		Entry("stars and marks", "?*?", "a", false),
		Entry("stars and marks, two bytes", "?*?", "ab", true),
		Entry("word boundary (64 positions)", strings.Repeat("?", 63)+"*z", strings.Repeat("y", 100)+"z", true),
		Entry("longest glob on its match", longestGlob(), strings.Repeat("a", 60_000)+"b", true),
		Entry("longest glob on a 60 KB near miss", longestGlob(), strings.Repeat("a", 60_000), false),
	)

	It("refuses a glob over MaxGlobBytes, naming the field", func() {
		_, err := scenarios.New().Rule("long").ID(strings.Repeat("*x", 600)).Build()
		Expect(err).To(MatchError("invalid scenario\n  rule \"long\": rules[0].match.id: is 1200 bytes long; a glob is at most 1024"))
	})

	It("answers another request while a 60 KB id is matched against long globs", func() {
		// Fifty rules of the longest glob against a 60 KB id take a while to match;
		// matching under the engine's lock held every other request that long.
		b := scenarios.New()
		for i := range 50 {
			b.Rule("long-" + itoa(i)).ID(longestGlob()).Fail(mock.SlowDown)
		}
		e := engineFor(b.MustBuild())
		started, longDone, shortDone := make(chan struct{}), make(chan struct{}), make(chan struct{})
		go func() {
			defer GinkgoRecover()
			close(started)
			handle(e, &fakeS3{}, idCall(strings.Repeat("a", 60_000)))
			close(longDone)
		}()
		<-started
		go func() {
			defer GinkgoRecover()
			handle(e, &fakeS3{}, idCall("daily"))
			close(shortDone)
		}()
		Eventually(shortDone).WithTimeout(10 * time.Second).Should(BeClosed())
		Expect(longDone).NotTo(BeClosed(), "the short request waited for the long match")
		Eventually(longDone).WithTimeout(time.Minute).Should(BeClosed())
	})
})

var _ = Describe("latency bounds", func() {
	It("draws a uniform latency spanning the whole Duration range", func() {
		l := scenarios.UniformLatency(0, math.MaxInt64)
		r := rand.New(rand.NewPCG(1, 1))
		for range 1000 {
			Expect(l.Sample(r)).To(BeNumerically(">=", 0))
		}
	})

	It("keeps drawing a narrow uniform range as before, so seeds replay", func() {
		Expect(scenarios.UniformLatency(10, 20).Sample(rand.New(rand.NewPCG(3, 3)))).
			To(Equal(time.Duration(10 + rand.New(rand.NewPCG(3, 3)).Int64N(11))))
	})

	It("saturates a lognormal draw past the longest Duration", func() {
		Expect(scenarios.LogNormalLatency(math.MaxInt64/2, 50).Sample(rand.New(rand.NewPCG(1, 1)))).
			To(BeNumerically(">=", 0))
	})

	It("sums two huge fixed latencies to the longest Duration, not to no delay", func() {
		var mu sync.Mutex
		var waited []time.Duration
		after := func(d time.Duration) <-chan time.Time {
			mu.Lock()
			waited = append(waited, d)
			mu.Unlock()
			ch := make(chan time.Time, 1)
			ch <- time.Time{}
			return ch
		}
		e := engineFor(scenarios.New().
			Rule("a").DelayFixed(math.MaxInt64).Rule("b").DelayFixed(math.MaxInt64/2+2).
			MustBuild(), scenarios.WithAfter(after))
		handle(e, &fakeS3{}, put("a"))
		Expect(waited).To(Equal([]time.Duration{math.MaxInt64}))
	})

	It("reads a bandwidth beyond int64 as the largest, and refuses NaN", func() {
		b, err := scenarios.ParseBandwidth("1e30GiB/s")
		Expect(err).NotTo(HaveOccurred())
		Expect(b).To(Equal(scenarios.Bandwidth(math.MaxInt64)))
		_, err = scenarios.ParseBandwidth("NaNB/s")
		Expect(err).To(MatchError(`"NaNB/s" is not a rate like 2KiB/s, 512B/s or 1MB/s (at least 1B/s)`))
	})
})

// BenchmarkLongestGlob60KB matches the longest allowed glob against a 60 KB id that
// it almost matches everywhere: the matcher's worst case, through Engine.Handle.
func BenchmarkLongestGlob60KB(b *testing.B) {
	e := engineFor(scenarios.New().Rule("r").ID(longestGlob()).Fail(mock.SlowDown).MustBuild())
	defer e.Close()
	req := httptest.NewRequest(http.MethodGet, "/logs", nil)
	call := idCall(strings.Repeat("a", 60_000))
	w := httptest.NewRecorder()
	next := func(http.ResponseWriter, *http.Request) {}
	b.SetBytes(int64(len(call.ID)))
	for b.Loop() {
		e.Handle(w, req, call, next)
	}
}
