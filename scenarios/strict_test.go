package scenarios_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/scenarios"
)

// aliasMessage is what every document reader answers an alias with.
const aliasMessage = "aliases are not accepted (each reference would be read again in full); write the value out"

var _ = Describe("Parse of a document that amplifies or hides a value", func() {
	DescribeTable("refuses it with the line, before any rule is read",
		func(doc string, f scenarios.Format, line int, message string) {
			sc, err := scenarios.ParseAs([]byte(doc), f)
			Expect(sc).To(BeNil())
			Expect(fieldErrors(err)).To(Equal([]scenarios.FieldError{{Line: line, Message: message}}))
		},
		Entry("an alias to a rule", "rules:\n  - &r {name: a}\n  - *r\n", scenarios.FormatAuto, 3, "alias *r: "+aliasMessage),
		Entry("an alias to a header map", "rules:\n  - name: a\n    match: {headers: &h {x-a: b}}\n  - name: b\n    match: {headers: *h}\n",
			scenarios.FormatYAML, 5, "alias *h: "+aliasMessage),
		Entry("a rule's name twice", "rules:\n  - {name: a, name: b}\n", scenarios.FormatAuto, 2,
			`key "name" is given twice in this mapping (first on line 2)`),
		Entry("rules twice", "rules: []\nrules:\n  - name: a\n", scenarios.FormatYAML, 2,
			`key "rules" is given twice in this mapping (first on line 1)`),
		Entry("a header twice", "rules:\n  - name: a\n    match:\n      headers: {x-a: b, x-a: c}\n", scenarios.FormatAuto, 4,
			`key "x-a" is given twice in this mapping (first on line 4)`),
		Entry("a key twice in JSON", "{\"rules\": [],\n \"rules\": [{\"name\": \"a\"}]}", scenarios.FormatJSON, 2,
			`key "rules" is given twice in this mapping (first on line 1)`),
		Entry("a second YAML document", "rules: []\n---\nrules:\n  - name: a\n", scenarios.FormatAuto, 2,
			"a second YAML document (---); a file holds one"),
		Entry("a second JSON value, sniffed", "{\"rules\": []}\n{\"rules\": []}\n", scenarios.FormatAuto, 2,
			"a second JSON value; a document holds one"),
		Entry("a second JSON value, as JSON", "{\"rules\": []}\n{\"rules\": []}\n", scenarios.FormatJSON, 2,
			"not valid JSON: more than one JSON value"),
	)

	It("refuses a 100 KB billion-laughs scenario at once", func() {
		doc := "rules: [&r {name: r, action: {error: SlowDown}}, " + strings.Repeat("*r, ", 25000) + "*r]\n"
		Expect(len(doc)).To(BeNumerically(">", 100_000))
		_, err := scenarios.Parse([]byte(doc))
		Expect(fieldErrors(err)).To(Equal([]scenarios.FieldError{{Line: 1, Message: "alias *r: " + aliasMessage}}))
	})

	It("reads a flow-style YAML scenario, which is not JSON", func() {
		sc, err := scenarios.Parse([]byte("{seed: 7, rules: [{name: a, match: {bucket: reports}, action: {error: SlowDown}}]}"))
		Expect(err).NotTo(HaveOccurred())
		Expect(sc.Seed).To(Equal(uint64(7)))
		Expect(sc.Rules).To(HaveLen(1))
		Expect(sc.Rules[0].Match.Bucket).To(Equal("reports"))
	})
})
