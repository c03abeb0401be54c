package scenarios_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// fakeS3 stands in for the mock's operations: it counts the requests that reach it.
type fakeS3 struct {
	mu    sync.Mutex
	calls int
}

func (f *fakeS3) next(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<InventoryConfiguration><Id>daily</Id></InventoryConfiguration>`)
}

func (f *fakeS3) count() int { f.mu.Lock(); defer f.mu.Unlock(); return f.calls }

// put is a routed PutBucketInventoryConfiguration on bucket.
func put(bucket string) *mock.Call {
	return &mock.Call{Operation: mock.PutBucketInventoryConfiguration, Method: http.MethodPut, Bucket: bucket, ID: "daily",
		Header: http.Header{}, RequestID: "REQ1", HostID: "HOST1"}
}

func list(bucket string) *mock.Call {
	return &mock.Call{Operation: mock.ListBucketInventoryConfigurations, Method: http.MethodGet, Bucket: bucket, Header: http.Header{}}
}

// handle runs one call through the engine with a recorder.
func handle(e *scenarios.Engine, f *fakeS3, call *mock.Call) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.Handle(rec, httptest.NewRequest(call.Method, "/"+call.Bucket, nil), call, f.next)
	return rec
}

// fired runs n calls made by mk and returns which rules fired on each.
func fired(e *scenarios.Engine, f *fakeS3, n int, mk func() *mock.Call) [][]string {
	var out [][]string
	for range n {
		c := mk()
		handle(e, f, c)
		out = append(out, c.FiredRules)
	}
	return out
}

var _ = Describe("Engine", func() {
	var s3 *fakeS3
	BeforeEach(func() { s3 = &fakeS3{} })
	putA := func() *mock.Call { return put("a") }

	Describe("when", func() {
		It("lets `after` matches through, then fires", func() {
			e := engineFor(scenarios.New().Rule("r").After(2).MustBuild())
			Expect(fired(e, s3, 4, putA)).To(Equal([][]string{nil, nil, {"r"}, {"r"}}))
		})
		It("stands aside after `times` firings", func() {
			e := engineFor(scenarios.New().Rule("r").Times(2).MustBuild())
			Expect(fired(e, s3, 3, putA)).To(Equal([][]string{{"r"}, {"r"}, nil}))
		})
		It("fires on every n-th match, counted after `after`", func() {
			e := engineFor(scenarios.New().Rule("r").After(1).Every(2).MustBuild())
			Expect(fired(e, s3, 5, putA)).To(Equal([][]string{nil, nil, {"r"}, nil, {"r"}}))
		})
		It("counts only the requests that matched the rule", func() {
			e := engineFor(scenarios.New().Rule("r").Bucket("b").After(1).MustBuild())
			handle(e, s3, put("a"))
			handle(e, s3, put("b"))
			Expect(fired(e, s3, 1, func() *mock.Call { return put("b") })).To(Equal([][]string{{"r"}}))
			Expect(e.Status().Rules[0].Matched).To(BeEquivalentTo(2))
		})
		It("reads the state as the request found it; setState applies from the next one", func() {
			e := engineFor(scenarios.New().
				Rule("first").InState(scenarios.StartState).SetState("Failed").
				Rule("second").InState("Failed").SetState("Over").
				MustBuild())
			Expect(fired(e, s3, 3, putA)).To(Equal([][]string{{"first"}, {"second"}, nil}))
			Expect(e.Status().State).To(Equal("Over"))
		})
	})

	Describe("match", func() {
		It("matches operations, globs, method, access key, account and headers", func() {
			e := engineFor(scenarios.New().
				Rule("r").On(mock.PutBucketInventoryConfiguration, mock.HeadBucket).Bucket("locked-?x*").
				ID("d*").Method("put").AccessKey("AKIA*").Account("1234*").Header("user-agent", "*aws-cli*").
				MustBuild())
			mk := func(mut func(*mock.Call)) func() *mock.Call {
				return func() *mock.Call {
					c := put("locked-1x-2")
					c.AccessKey, c.Account = "AKIAEXAMPLE", "123456789012"
					c.Header.Set("User-Agent", "aws-cli/2.0 Python")
					mut(c)
					return c
				}
			}
			Expect(fired(e, s3, 1, mk(func(*mock.Call) {}))).To(Equal([][]string{{"r"}}))
			for _, miss := range []func(*mock.Call){
				func(c *mock.Call) { c.Operation = mock.GetBucketInventoryConfiguration },
				func(c *mock.Call) { c.Bucket = "locked-x" },
				func(c *mock.Call) { c.ID = "weekly" },
				func(c *mock.Call) { c.Method = http.MethodGet },
				func(c *mock.Call) { c.AccessKey = "ASIAEXAMPLE" },
				func(c *mock.Call) { c.Account = "999999999999" },
				func(c *mock.Call) { c.Header.Set("User-Agent", "aws-sdk-go-v2") },
				func(c *mock.Call) { c.Header.Del("User-Agent") },
			} {
				Expect(fired(e, s3, 1, mk(miss))).To(Equal([][]string{nil}))
			}
		})
	})

	Describe("match.key", func() {
		It("matches a glob of the object key, and never a call without a key", func() {
			e := engineFor(scenarios.New().Rule("r").On(mock.GetObject, mock.HeadObject).Key("inv/*.csv.gz").MustBuild())
			get := func(key string) func() *mock.Call {
				return func() *mock.Call {
					return &mock.Call{Operation: mock.GetObject, Method: http.MethodGet, Bucket: "dest", Key: key,
						Header: http.Header{}, RequestID: "REQ1", HostID: "HOST1"}
				}
			}
			Expect(fired(e, s3, 1, get("inv/data/a b.csv.gz"))).To(Equal([][]string{{"r"}}))
			Expect(fired(e, s3, 1, get("inv/manifest.json"))).To(Equal([][]string{nil}))
			Expect(fired(e, s3, 1, get(""))).To(Equal([][]string{nil}))
		})

		It("reads and validates key like the other globs", func() {
			sc, err := scenarios.Parse([]byte("rules:\n  - name: a\n    match: {operation: GetObject, key: 'inv/*'}\n    action: {error: SlowDown}\n"))
			Expect(err).NotTo(HaveOccurred())
			Expect(sc.Rules[0].Match.Key).To(Equal("inv/*"))
			_, err = scenarios.Parse([]byte("rules:\n  - name: a\n    match: {key: '" + strings.Repeat("*", scenarios.MaxGlobBytes+1) + "'}\n"))
			Expect(err).To(MatchError(ContainSubstring("match.key")))
		})
	})

	Describe("action", func() {
		It("fires every matching rule, adds their latencies, lets the first decider answer", func() {
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
				Rule("slow").DelayFixed(100*time.Millisecond).
				Rule("deny").Fail(mock.AccessDenied).DelayFixed(20*time.Millisecond).
				Rule("teapot").Respond(418, nil, "tea").
				MustBuild(), scenarios.WithAfter(after))
			c := putA()
			rec := handle(e, s3, c)
			Expect(c.FiredRules).To(Equal([]string{"slow", "deny", "teapot"}))
			Expect(waited).To(Equal([]time.Duration{120 * time.Millisecond}))
			Expect(rec.Code).To(Equal(http.StatusForbidden))
			Expect(rec.Body.String()).To(ContainSubstring("<Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>REQ1</RequestId><HostId>HOST1</HostId>"))
			Expect(s3.count()).To(BeZero(), "an injected error never reaches the fake S3")
		})
		It("renders error overrides and codes outside the table", func() {
			e := engineFor(scenarios.New().
				Rule("r").FailWith(scenarios.ErrorSpec{Code: "Teapot", Status: 418, Message: "short and stout", Headers: map[string]string{"retry-after": "1"}}).
				MustBuild())
			rec := handle(e, s3, putA())
			Expect(rec.Code).To(Equal(418))
			Expect(rec.Header().Get("Retry-After")).To(Equal("1"))
			Expect(rec.Body.String()).To(HavePrefix(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><Code>Teapot</Code><Message>short and stout</Message>"))
		})
		It("answers a literal response", func() {
			e := engineFor(scenarios.New().Rule("r").Respond(202, map[string]string{"X-Fake": "yes"}, "hello").MustBuild())
			rec := handle(e, s3, putA())
			Expect(rec.Code).To(Equal(202))
			Expect(rec.Header().Get("X-Fake")).To(Equal("yes"))
			Expect(rec.Body.String()).To(Equal("hello"))
		})
		It("sets page size and trap on List calls only", func() {
			e := engineFor(scenarios.New().Rule("r").Page(1, mock.TrapSameToken).MustBuild())
			l, p := list("a"), putA()
			handle(e, s3, l)
			handle(e, s3, p)
			Expect(l.PageSize).To(Equal(1))
			Expect(l.PageTrap).To(Equal(mock.TrapSameToken))
			Expect(p.PageSize).To(BeZero())
			Expect(s3.count()).To(Equal(2))
		})
		It("sends the real status with a body that is not well-formed XML", func() {
			e := engineFor(scenarios.New().Rule("r").Fault(scenarios.FaultMalformed).MustBuild())
			rec := handle(e, s3, putA())
			Expect(rec.Code).To(Equal(http.StatusOK))
			Expect(rec.Header().Get("Content-Length")).To(Equal(itoa(rec.Body.Len())))
			Expect(xml.Unmarshal(rec.Body.Bytes(), new(any))).NotTo(Succeed())
		})
		It("dribbles the body at the bandwidth, in flushed pieces", func() {
			var pauses time.Duration
			after := func(d time.Duration) <-chan time.Time {
				pauses += d
				ch := make(chan time.Time, 1)
				ch <- time.Time{}
				return ch
			}
			e := engineFor(scenarios.New().Rule("r").Bandwidth(10).MustBuild(), scenarios.WithAfter(after))
			rec := handle(e, s3, putA())
			Expect(rec.Body.Len()).To(BeNumerically(">", 100))
			Expect(rec.Flushed).To(BeTrue())
			Expect(pauses).To(Equal(time.Duration(rec.Body.Len()) * time.Second / 10))
		})
	})

	Describe("lifecycle", func() {
		It("rewinds counters, state and random source on Reset, and on Replace", func() {
			sc := scenarios.New().Seed(3).Rule("r").Probability(0.5).SetState("Moved").MustBuild()
			e := engineFor(sc)
			first := fired(e, s3, 20, putA)
			Expect(e.Status().State).To(Equal("Moved"))
			e.Reset()
			Expect(e.Status().State).To(Equal(scenarios.StartState))
			Expect(e.Status().Rules[0].Matched).To(BeZero())
			Expect(fired(e, s3, 20, putA)).To(Equal(first))
			Expect(e.Replace(sc)).To(Succeed())
			Expect(fired(e, s3, 20, putA)).To(Equal(first))
		})
		It("keeps the old scenario when a replacement is invalid", func() {
			e := engineFor(scenarios.New().Rule("r").MustBuild())
			Expect(e.Replace(&scenarios.Scenario{Rules: []scenarios.Rule{{}}})).To(HaveOccurred())
			Expect(e.Status().Rules).To(HaveLen(1))
		})
		It("passes everything through once cleared or closed", func() {
			e := engineFor(scenarios.New().Rule("r").Fail(mock.SlowDown).MustBuild())
			e.Clear()
			Expect(handle(e, s3, putA()).Code).To(Equal(http.StatusOK))
			Expect(e.Status().Active).To(BeFalse())
			Expect(e.Replace(scenarios.New().Rule("r").Fail(mock.SlowDown).MustBuild())).To(Succeed())
			Expect(e.Close()).To(Succeed())
			Expect(handle(e, s3, putA()).Code).To(Equal(http.StatusOK))
		})
	})

	Describe("probability", func() {
		pattern := func(seed uint64) [][]string {
			e := engineFor(scenarios.New().Seed(seed).Rule("coin").Probability(0.5).MustBuild())
			return fired(e, s3, 64, putA)
		}
		It("gives the same pattern for the same seed, another for another", func() {
			Expect(pattern(42)).To(Equal(pattern(42)))
			Expect(pattern(42)).NotTo(Equal(pattern(43)))
			n := 0
			for _, f := range pattern(42) {
				n += len(f)
			}
			Expect(n).To(BeNumerically("~", 32, 12))
		})
	})
})

var _ = DescribeTable("globs in match",
	func(pattern, bucket string, want bool) {
		e := engineFor(scenarios.New().Rule("g").Bucket(pattern).MustBuild())
		c := put(bucket)
		handle(e, &fakeS3{}, c)
		Expect(c.FiredRules).To(Equal(map[bool][]string{true: {"g"}}[want]))
	},
	Entry("star matches any run", "locked-*", "locked-2026", true),
	Entry("star matches nothing", "locked-*", "locked-", true),
	Entry("question mark is one byte", "log?", "logs", true),
	Entry("question mark is not zero bytes", "logs?", "logs", false),
	Entry("stars anywhere", "*-prod-*", "eu-prod-7", true),
	Entry("anchored at both ends", "prod", "my-prod", false),
	Entry("backtracks to the last star", "a*b*c", "axxbyybzc", true),
	Entry("case matters", "Logs", "logs", false),
	Entry("literal dots", "my.bucket", "myxbucket", false),
)
