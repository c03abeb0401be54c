package scenarios_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// issueExample is the format as the issue writes it, every feature once.
const issueExample = `seed: 7
rules:
  - name: deny-locked
    match:
      operation: PutBucketInventoryConfiguration
      bucket: "locked-*"
      id: "*"
      method: PUT
      accessKey: "AKIA*"
      account: "1234*"
      headers: {User-Agent: "*aws-cli*"}
    when:
      after: 2
      times: 2
      every: 3
      probability: 0.5
      state: Started
    action:
      error: {code: SlowDown, message: "slow", status: 503, headers: {Retry-After: "1"}}
      latency: {uniform: {min: 50ms, max: 2s}}
      bandwidth: 2KiB/s
      setState: Failed
  - name: literal
    match: {operation: [GetBucketInventoryConfiguration, ListBucketInventoryConfigurations]}
    action:
      respond: {status: 200, headers: {X-A: b}, body: "<x/>"}
      latency: {lognormal: {median: 80ms, sigma: 0.5}}
      page: {size: 1, trap: no-token}
  - name: broken
    action: {fault: reset, latency: {fixed: 300ms}}
`

// fieldErrors unwraps a *ValidationError.
func fieldErrors(err error) []scenarios.FieldError {
	var ve *scenarios.ValidationError
	ExpectWithOffset(1, errors.As(err, &ve)).To(BeTrue(), "want a *ValidationError, got %v", err)
	return ve.Errors
}

var _ = Describe("Parse", func() {
	It("reads every feature of the format", func() {
		sc, err := scenarios.Parse([]byte(issueExample))
		Expect(err).NotTo(HaveOccurred())
		Expect(sc.Seed).To(BeEquivalentTo(7))
		Expect(sc.Rules).To(HaveLen(3))
		r := sc.Rules[0]
		Expect(r.Match.Operation).To(Equal(scenarios.Operations{mock.PutBucketInventoryConfiguration}))
		Expect(r.Match.Headers).To(HaveKeyWithValue("User-Agent", "*aws-cli*"))
		Expect(*r.When.Probability).To(Equal(0.5))
		Expect(r.Action.Error.Headers).To(HaveKeyWithValue("Retry-After", "1"))
		Expect(r.Action.Bandwidth).To(BeEquivalentTo(2048))
		Expect(time.Duration(r.Action.Latency.Uniform.Max)).To(Equal(2 * time.Second))
		Expect(sc.Rules[1].Match.Operation).To(HaveLen(2))
		Expect(sc.Rules[1].Action.Page.Trap).To(Equal(mock.TrapNoToken))
		Expect(sc.Rules[2].Action.Fault).To(Equal(&scenarios.Fault{Kind: scenarios.FaultReset}))
	})

	It("reads its own JSON back to the same scenario", func() {
		sc, err := scenarios.Parse([]byte(issueExample))
		Expect(err).NotTo(HaveOccurred())
		doc, err := json.MarshalIndent(sc, "", "\t")
		Expect(err).NotTo(HaveOccurred())
		again, err := scenarios.Parse(doc)
		Expect(err).NotTo(HaveOccurred())
		Expect(again).To(Equal(sc))
	})

	When("the document is JSON", func() {
		It("names the line of a bad field", func() {
			doc := "{\n\t\"rules\": [\n\t\t{\"name\": \"a\",\n\t\t \"action\": {\"error\": \"NoSuchThing\"}}\n\t]\n}"
			_, err := scenarios.Parse([]byte(doc))
			Expect(fieldErrors(err)).To(ConsistOf(MatchFields("a", "rules[0].action.error", 4)))
		})
		It("names the line of a syntax error when JSON is asked for", func() {
			_, err := scenarios.ParseAs([]byte("{\n\"rules\": [\n,]}"), scenarios.FormatJSON)
			Expect(fieldErrors(err)[0].Line).To(Equal(3))
		})
		It("refuses YAML when JSON is asked for", func() {
			_, err := scenarios.ParseAs([]byte("rules: []"), scenarios.FormatJSON)
			Expect(err).To(HaveOccurred())
		})
	})

	It("refuses an empty document", func() {
		_, err := scenarios.Parse([]byte("  \n"))
		Expect(err).To(MatchError(ContainSubstring("empty")))
	})

	It("refuses YAML that does not parse, with its line", func() {
		_, err := scenarios.Parse([]byte("rules:\n  - name: a\n   bad: [\n"))
		Expect(fieldErrors(err)[0].Line).To(BeNumerically(">", 0))
	})

	DescribeTable("validation errors name rule, field and line",
		func(doc, rule, path string, line int, message string) {
			_, err := scenarios.Parse([]byte(doc))
			errs := fieldErrors(err)
			Expect(errs).To(ContainElement(MatchFields(rule, path, line)))
			Expect(err.Error()).To(ContainSubstring(message))
		},
		Entry("unknown top-level key", "seed: 1\nrulez: []\n", "", "rulez", 2, `unknown key "rulez"`),
		Entry("unknown rule key", "rules:\n  - name: a\n    matc: {}\n", "a", "rules[0].matc", 3, "known keys: action, match, name, when"),
		Entry("unknown action key", "rules:\n  - name: a\n    action:\n      eror: SlowDown\n", "a", "rules[0].action.eror", 4, "unknown key"),
		Entry("unknown operation", "rules:\n  - name: a\n    match: {operation: PutObject}\n", "a", "rules[0].match.operation", 3, `unknown operation "PutObject"`),
		Entry("unknown operation in a list", "rules:\n  - name: a\n    match:\n      operation:\n        - HeadBucket\n        - PutObject\n", "a", "rules[0].match.operation[1]", 6, "PutObject"),
		Entry("unknown error code", "rules:\n  - name: a\n    action: {error: NoSuchUpload}\n", "a", "rules[0].action.error", 3, `unknown error code "NoSuchUpload"`),
		Entry("unknown code without message", "rules:\n  - name: a\n    action:\n      error: {code: Teapot, status: 418}\n", "a", "rules[0].action.error", 4, "status and message"),
		Entry("negative after", "rules:\n  - name: a\n    when:\n      after: -1\n", "a", "rules[0].when.after", 4, "must not be negative"),
		Entry("negative times", "rules:\n  - name: a\n    when: {times: -2}\n", "a", "rules[0].when.times", 3, "must not be negative"),
		Entry("negative every", "rules:\n  - name: b\n  - name: a\n    when:\n      every: -3\n", "a", "rules[1].when.every", 5, "must not be negative"),
		Entry("negative seed", "seed: -1\nrules: []\n", "", "seed", 1, "whole number"),
		Entry("negative latency", "rules:\n  - name: a\n    action:\n      latency: {fixed: -5ms}\n", "a", "rules[0].action.latency.fixed", 4, "must not be negative"),
		Entry("negative page size", "rules:\n  - name: a\n    action:\n      page:\n        size: -1\n", "a", "rules[0].action.page.size", 5, "must not be negative"),
		Entry("probability above 1", "rules:\n  - name: a\n    when:\n      probability: 1.5\n", "a", "rules[0].when.probability", 4, "within 0..1"),
		Entry("probability below 0", "rules:\n  - name: a\n    when:\n      probability: -0.1\n", "a", "rules[0].when.probability", 4, "within 0..1"),
		Entry("probability not a number", "rules:\n  - name: a\n    when:\n      probability: often\n", "a", "rules[0].when.probability", 4, "must be a number"),
		Entry("missing name", "rules:\n  - match: {bucket: x}\n", "rules[0]", "rules[0].name", 2, "is required"),
		Entry("duplicate name", "rules:\n  - name: a\n  - name: a\n", "a", "rules[1].name", 3, "already the name of rules[0]"),
		Entry("bad duration", "rules:\n  - name: a\n    action:\n      latency: {fixed: 300}\n", "a", "rules[0].action.latency.fixed", 4, "Go duration"),
		Entry("two latency kinds", "rules:\n  - name: a\n    action:\n      latency: {fixed: 1s, lognormal: {median: 1s, sigma: 1}}\n", "a", "rules[0].action.latency", 4, "exactly one"),
		Entry("uniform max below min", "rules:\n  - name: a\n    action:\n      latency:\n        uniform: {min: 2s, max: 1s}\n", "a", "rules[0].action.latency.uniform.max", 5, "less than min"),
		Entry("bad bandwidth", "rules:\n  - name: a\n    action:\n      bandwidth: fast\n", "a", "rules[0].action.bandwidth", 4, "rate like"),
		Entry("unknown fault", "rules:\n  - name: a\n    action:\n      fault: explode\n", "a", "rules[0].action.fault", 4, `unknown fault "explode"`),
		Entry("unknown trap", "rules:\n  - name: a\n    action:\n      page: {trap: loop}\n", "a", "rules[0].action.page.trap", 4, `unknown trap "loop"`),
		Entry("page off List", "rules:\n  - name: a\n    match: {operation: HeadBucket}\n    action:\n      page: {size: 1}\n", "a", "rules[0].action.page", 5, "only to ListBucketInventoryConfigurations"),
		Entry("two deciders", "rules:\n  - name: a\n    action:\n      fault: reset\n      error: SlowDown\n", "a", "rules[0].action", 3, "give one of them"),
		Entry("respond without status", "rules:\n  - name: a\n    action:\n      respond: {body: x}\n", "a", "rules[0].action.respond.status", 4, "HTTP status"),
		Entry("times not a number", "rules:\n  - name: a\n    when: {times: twice}\n", "a", "rules[0].when.times", 3, "whole number"),
		Entry("rules not a list", "rules: {name: a}\n", "", "rules", 1, "list of rules"),
		Entry("bad method", "rules:\n  - name: a\n    match: {method: \"GE T\"}\n", "a", "rules[0].match.method", 3, "HTTP method"),
		Entry("id glob over 1,024 bytes", "rules:\n  - name: a\n    match:\n      id: '"+strings.Repeat("*a", 513)+"'\n", "a", "rules[0].match.id", 4, "is 1026 bytes long; a glob is at most 1024"),
		Entry("bucket glob over 1,024 bytes", "rules:\n  - name: a\n    match: {bucket: "+strings.Repeat("b", 1025)+"}\n", "a", "rules[0].match.bucket", 3, "is 1025 bytes long"),
		Entry("header glob over 1,024 bytes", "rules:\n  - name: a\n    match:\n      headers:\n        X-Chaos: "+strings.Repeat("?", 2000)+"\n", "a", "rules[0].match.headers.X-Chaos", 5, "is 2000 bytes long"),
	)
})

var _ = Describe("Load", func() {
	It("names the file in its errors", func() {
		path := filepath.Join(GinkgoT().TempDir(), "bad.yaml")
		Expect(os.WriteFile(path, []byte("rules:\n  - name: a\n    when: {probability: 2}\n"), 0o600)).To(Succeed())
		_, err := scenarios.Load(path)
		Expect(err).To(MatchError(And(ContainSubstring(path), ContainSubstring("line 3"), ContainSubstring(`rule "a"`))))
	})
	It("passes on a missing file's error", func() {
		_, err := scenarios.Load(filepath.Join(GinkgoT().TempDir(), "none.yaml"))
		Expect(errors.Is(err, os.ErrNotExist)).To(BeTrue())
	})
})

// MatchFields matches a FieldError's rule, path and line.
func MatchFields(rule, path string, line int) OmegaMatcher {
	return WithTransform(func(fe scenarios.FieldError) string {
		return strings.Join([]string{fe.Rule, fe.Path, itoa(fe.Line)}, " | ")
	}, Equal(strings.Join([]string{rule, path, itoa(line)}, " | ")))
}
