package scenarios_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

var _ = Describe("Fault values", func() {
	It("reads a bare kind and a mapping with parameters, and writes each back in its own form", func() {
		sc, err := scenarios.Parse([]byte(`rules:
  - {name: a, action: {fault: reset}}
  - {name: b, action: {fault: {kind: truncate, keep: 7}}}
  - {name: c, action: {fault: {kind: hang, for: 250ms}}}
`))
		Expect(err).NotTo(HaveOccurred())
		Expect(*sc.Rules[0].Action.Fault).To(Equal(scenarios.Fault{Kind: scenarios.FaultReset}))
		Expect(sc.Rules[1].Action.Fault.Kind).To(Equal(scenarios.FaultTruncate))
		Expect(*sc.Rules[1].Action.Fault.Keep).To(BeEquivalentTo(7))
		Expect(time.Duration(*sc.Rules[2].Action.Fault.For)).To(Equal(250 * time.Millisecond))
		out, err := json.Marshal(sc)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(out)).To(Equal(`{"rules":[{"name":"a","action":{"fault":"reset"}},` +
			`{"name":"b","action":{"fault":{"kind":"truncate","keep":7}}},` +
			`{"name":"c","action":{"fault":{"kind":"hang","for":"250ms"}}}]}`))
	})

	DescribeTable("refuses a parameter on a fault it does not belong to, with the line and path",
		func(doc, want string) {
			_, err := scenarios.Parse([]byte(doc))
			Expect(err).To(MatchError(ContainSubstring(want)))
		},
		Entry("keep on reset", "rules:\n  - name: a\n    action: {fault: {kind: reset, keep: 3}}\n",
			"rules[0].action.fault.keep: applies only to the truncate fault, not reset"),
		Entry("for on truncate", "rules:\n  - name: a\n    action: {fault: {kind: truncate, for: 1s}}\n",
			"rules[0].action.fault.for: applies only to the hang fault, not truncate"),
		Entry("a negative keep", "rules:\n  - name: a\n    action: {fault: {kind: truncate, keep: -1}}\n",
			"rules[0].action.fault.keep: must not be negative, got -1"),
		Entry("an unknown kind", "rules:\n  - name: a\n    action: {fault: {kind: melt}}\n",
			`rules[0].action.fault: unknown fault "melt"`),
	)

	It("truncates the body after keep bytes, with the full Content-Length announced", func() {
		keep := int64(10)
		f := startFake(scenarios.New().Rule("cut").On(mock.ListBucketInventoryConfigurations).
			FaultWith(scenarios.Fault{Kind: scenarios.FaultTruncate, Keep: &keep}).MustBuild(), "logs")
		tr := &http.Transport{}
		DeferCleanup(tr.CloseIdleConnections)
		resp, err := (&http.Client{Transport: tr}).Get(f.ts.URL + "/logs?inventory")
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		full, _ := strconv.Atoi(resp.Header.Get("Content-Length"))
		Expect(full).To(BeNumerically(">", 10))
		body, err := io.ReadAll(resp.Body)
		Expect(err).To(MatchError(io.ErrUnexpectedEOF))
		Expect(string(body)).To(Equal(`<?xml vers`))
	})

	It("closes a hang with a limit once the limit passes, though the client waits on", func() {
		limit := scenarios.Duration(50 * time.Millisecond)
		f := startFake(scenarios.New().Rule("hang").FaultWith(scenarios.Fault{Kind: scenarios.FaultHang, For: &limit}).MustBuild(), "logs")
		tr := &http.Transport{}
		DeferCleanup(tr.CloseIdleConnections)
		done := make(chan error, 1)
		go func() {
			_, err := (&http.Client{Transport: tr}).Get(f.ts.URL + "/logs?inventory")
			done <- err
		}()
		Eventually(done).WithTimeout(5 * time.Second).Should(Receive(MatchError(ContainSubstring("EOF"))))
	})
})
