package replay_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/mock/yamldoc"
)

const aliasMessage = "aliases are not accepted (each reference would be read again in full); write the value out"

var _ = Describe("Parse of a bundle that amplifies or hides a value", func() {
	DescribeTable("refuses it with the bundle's line",
		func(doc string, line int, message string) {
			b, err := replay.Parse([]byte(doc))
			Expect(b).To(BeNil())
			Expect(err).To(Equal(&yamldoc.Error{Line: line, Message: message}))
		},
		Entry("an alias in the scenario", "seed: {buckets: []}\nscenario:\n  rules:\n    - &r {name: a}\n    - *r\n", 5, "alias *r: "+aliasMessage),
		Entry("an alias from the scenario into the seed", "seed: &s {buckets: []}\nscenario: *s\n", 2, "alias *s: "+aliasMessage),
		Entry("two seed keys", "seed:\n  buckets: [{name: reports}]\nscenario: {rules: []}\nseed:\n  buckets: []\n", 4,
			`key "seed" is given twice in this mapping (first on line 1)`),
		Entry("a key twice in the seed", "seed:\n  buckets:\n    - {name: reports, name: archive}\nscenario: {rules: []}\n", 3,
			`key "name" is given twice in this mapping (first on line 3)`),
		Entry("rules twice in the scenario", "scenario:\n  rules: []\n  rules: [{name: a}]\n", 3,
			`key "rules" is given twice in this mapping (first on line 2)`),
		Entry("a second YAML document", "scenario: {rules: []}\n---\nseed: {buckets: []}\n", 2,
			"a second YAML document (---); a file holds one"),
		Entry("a second JSON value", "{\"scenario\": {\"rules\": []}}\n{\"seed\": {\"buckets\": []}}\n", 2,
			"a second JSON value; a document holds one"),
	)

	DescribeTable("reads a flow-style bundle, which is not JSON",
		func(doc string) {
			b, err := replay.Parse([]byte(doc))
			Expect(err).NotTo(HaveOccurred())
			Expect(b.Seed.Buckets).To(HaveLen(1))
			Expect(b.Seed.Buckets[0].Name).To(Equal("reports"))
			Expect(b.Seed.Buckets[0].Region).To(Equal("eu-west-1"))
			Expect(b.Scenario.Rules).To(HaveLen(1))
			Expect(b.Scenario.Rules[0].Name).To(Equal("slow {down}, then go"))
		},
		Entry("on one line", `{seed: {buckets: [{name: reports, region: eu-west-1}]}, scenario: {rules: [{name: "slow {down}, then go", action: {error: SlowDown}}]}}`),
		Entry("over lines, with comments", "{\n  seed: {buckets: [{name: reports, # the only one\n    region: eu-west-1}]},\n  scenario: {rules: [{name: 'slow {down}, then go', action: {error: SlowDown}}]}\n}\n"),
		Entry("as block keys with flow values", "seed: {buckets: [{name: reports, region: eu-west-1}]}\nscenario: {rules: [{name: \"slow {down}, then go\", action: {error: SlowDown}}]}\n"),
	)

	It("keeps the bundle's line in a flow-style seed's error", func() {
		_, err := replay.Parse([]byte("{scenario: {rules: []},\n seed: {buckets: [\n  {name: reports, colour: red}]}}"))
		Expect(err).To(MatchError(And(HavePrefix("seed: "), ContainSubstring(`line 3: buckets[0].colour: unknown key "colour"`))))
	})
})
