package mock_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("ParseState of a document that amplifies or hides a value", func() {
	DescribeTable("refuses a seed or snapshot with the line, and nothing loads",
		func(doc string, line int, message string) {
			st, err := mock.ParseState([]byte(doc))
			Expect(st).To(BeNil())
			Expect(stateProblems(err)).To(Equal([]mock.StateProblem{{Line: line, Message: message}}))
		},
		Entry("an alias to a bucket", "buckets:\n  - &b {name: reports}\n  - *b\n", 3,
			"alias *b: aliases are not accepted (each reference would be read again in full); write the value out"),
		Entry("an alias to a list of documents", "buckets:\n  - {name: a-b, inventory: &docs []}\n  - {name: c-d, inventory: *docs}\n", 3,
			"alias *docs: aliases are not accepted (each reference would be read again in full); write the value out"),
		Entry("a bucket's name twice", "buckets:\n  - {name: reports, name: archive}\n", 2,
			`key "name" is given twice in this mapping (first on line 2)`),
		Entry("buckets twice", "buckets: []\naccounts: []\nbuckets:\n  - name: reports\n", 3,
			`key "buckets" is given twice in this mapping (first on line 1)`),
		Entry("a key twice in JSON", "{\"buckets\": [{\"name\": \"reports\",\n  \"region\": \"eu-west-1\", \"region\": \"us-east-1\"}]}", 2,
			`key "region" is given twice in this mapping (first on line 2)`),
		Entry("a second YAML document", "buckets: []\n---\nbuckets:\n  - name: reports\n", 2,
			"a second YAML document (---); a file holds one"),
		Entry("a second JSON value", "{\"buckets\": []}\n{\"buckets\": [{\"name\": \"reports\"}]}\n", 2,
			"a second JSON value; a document holds one"),
	)

	It("reads a flow-style YAML seed, which is not JSON", func() {
		st := mustParseState("{buckets: [{name: reports, region: eu-west-1}], accounts: []}")
		Expect(st.Buckets).To(HaveLen(1))
		Expect(st.Buckets[0].Name).To(Equal("reports"))
		Expect(st.Buckets[0].Region).To(Equal("eu-west-1"))
	})
})
