package yamldoc_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/yamldoc"
)

var _ = Describe("Read", func() {
	DescribeTable("refuses, with the line, what yaml.v3 would let through",
		func(doc string, line int, message string) {
			_, err := yamldoc.Read([]byte(doc))
			Expect(err).To(Equal(&yamldoc.Error{Line: line, Message: message}))
		},
		Entry("an alias", "rule: &r {name: a}\nrules:\n  - *r\n", 3,
			"alias *r: aliases are not accepted (each reference would be read again in full); write the value out"),
		Entry("an alias as a key", "a: &k x\n? *k\n: y\n", 2,
			"alias *k: aliases are not accepted (each reference would be read again in full); write the value out"),
		Entry("a key twice in a flow mapping", "rules:\n  - {name: a, name: b}\n", 2,
			`key "name" is given twice in this mapping (first on line 2)`),
		Entry("a top-level key twice", "rules: []\nseed: 1\nrules: []\n", 3,
			`key "rules" is given twice in this mapping (first on line 1)`),
		Entry("a key twice in JSON", "{\"buckets\": [],\n \"buckets\": []}", 2,
			`key "buckets" is given twice in this mapping (first on line 1)`),
		Entry("a second YAML document", "rules: []\n---\nrules: []\n", 2,
			"a second YAML document (---); a file holds one"),
		Entry("an empty second YAML document", "rules: []\n---\n", 2,
			"a second YAML document (---); a file holds one"),
		Entry("a second JSON value", "{\"rules\": []}\n{\"rules\": []}\n", 2,
			"a second JSON value; a document holds one"),
		Entry("JSON that is neither JSON nor YAML", "{\"a\": [1,\n}", 2,
			"not valid JSON: invalid character '}' looking for beginning of value"),
		Entry("YAML that does not parse", "a: 1\nb: c: d\n", 2,
			"not valid YAML: mapping values are not allowed in this context"),
		Entry("nothing but a comment", "# no rules\n", 1, "empty document"),
		Entry("nothing", " \n", 1, "empty document"),
	)

	It("refuses a duplicate key in a mapping of more than 16 keys", func() {
		var b strings.Builder
		for i := range 40 {
			b.WriteString("k" + strings.Repeat("x", i) + ": v\n")
		}
		b.WriteString("kxxx: again\n")
		_, err := yamldoc.Read([]byte(b.String()))
		Expect(err).To(MatchError(`line 41: key "kxxx" is given twice in this mapping (first on line 4)`))
	})

	DescribeTable("accepts one document, with its lines",
		func(doc string, kind yaml.Kind, line int) {
			root, err := yamldoc.Read([]byte(doc))
			Expect(err).NotTo(HaveOccurred())
			Expect(root.Kind).To(Equal(kind))
			Expect(root.Line).To(Equal(line))
		},
		Entry("flow-style YAML, which is not JSON", "{seed: {buckets: [{name: a}]}, scenario: {rules: []}}", yaml.MappingNode, 1),
		Entry("JSON with a YAML comment after it", "{\"rules\": []} # none yet\n", yaml.MappingNode, 1),
		Entry("a document that opens with --- and closes with ...", "# c\n---\nrules: []\n...\n", yaml.MappingNode, 3),
		Entry("an anchor nobody refers to", "rules: &r []\n", yaml.MappingNode, 1),
		Entry("the same key in two mappings", "a: {k: 1}\nb: {k: 1}\n", yaml.MappingNode, 1),
	)

	It("reads a 100 KB billion-laughs document in one pass and refuses it", func() {
		doc := "rules: [&r {name: r, match: {headers: {" + strings.Repeat("x-h: v, ", 1) +
			"}}}, " + strings.Repeat("*r, ", 25000) + "*r]\n"
		Expect(len(doc)).To(BeNumerically(">", 100_000))
		_, err := yamldoc.Read([]byte(doc))
		Expect(err).To(MatchError(HavePrefix("line 1: alias *r: ")))
	})
})

var _ = Describe("ReadJSON", func() {
	It("refuses flow-style YAML with the JSON error and its line", func() {
		_, err := yamldoc.ReadJSON([]byte("{\n  seed: 1}"))
		Expect(err).To(Equal(&yamldoc.Error{Line: 2, Message: "not valid JSON: invalid character 's' looking for beginning of object key string"}))
	})

	It("refuses a second JSON value", func() {
		_, err := yamldoc.ReadJSON([]byte("{}\n[]"))
		Expect(err).To(Equal(&yamldoc.Error{Line: 2, Message: "not valid JSON: more than one JSON value"}))
	})

	It("refuses a duplicate key, which encoding/json would let through", func() {
		_, err := yamldoc.ReadJSON([]byte(`{"seed": 1, "seed": 2}`))
		Expect(err).To(MatchError(`line 1: key "seed" is given twice in this mapping (first on line 1)`))
	})
})
