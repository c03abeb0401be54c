package scenarios_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// hundredRules is a scenario of 100 rules that all miss a HeadBucket on "logs": they
// name other operations, other bucket globs, other keys, or headers it lacks, so the
// engine walks every one of them on every request.
func hundredRules() *scenarios.Scenario {
	b := scenarios.New().Seed(1)
	for i := range 100 {
		b.Rule(fmt.Sprintf("rule-%03d", i))
		switch i % 4 {
		case 0:
			b.On(mock.PutBucketInventoryConfiguration, mock.GetBucketInventoryConfiguration)
		case 1:
			b.Bucket(fmt.Sprintf("locked-%d-*", i))
		case 2:
			b.On(mock.HeadBucket).AccessKey(fmt.Sprintf("AKIA%d*", i))
		case 3:
			b.Header("X-Chaos", fmt.Sprintf("*%d*", i))
		}
		b.Probability(0.5).Fail(mock.SlowDown)
	}
	return b.MustBuild()
}

// BenchmarkHundredRulesNoMatch measures the cost of a 100-rule scenario none of whose
// rules match, against the same fake with no scenario, through the whole handler
// (routing, hook, operation, journal) without sockets.
func BenchmarkHundredRulesNoMatch(b *testing.B) {
	for _, bc := range []struct {
		name string
		sc   *scenarios.Scenario
	}{{"no-scenario", nil}, {"100-rules", hundredRules()}} {
		b.Run(bc.name, func(b *testing.B) {
			e := engineFor(bc.sc)
			defer e.Close()
			srv := mock.New(mock.WithHook(e))
			if err := srv.AddBucket("logs"); err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodHead, "/logs", nil)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

// BenchmarkEngineHundredRules isolates the engine: Handle on a routed HeadBucket with
// a next that does nothing, so the figure is the rules' own cost per request.
func BenchmarkEngineHundredRules(b *testing.B) {
	e := engineFor(hundredRules())
	defer e.Close()
	req := httptest.NewRequest(http.MethodHead, "/logs", nil)
	w := httptest.NewRecorder()
	next := func(http.ResponseWriter, *http.Request) {}
	call := &mock.Call{Operation: mock.HeadBucket, Method: http.MethodHead, Bucket: "logs", Header: req.Header, Account: mock.DefaultAccount}
	b.ReportAllocs()
	for b.Loop() {
		e.Handle(w, req, call, next)
	}
}
