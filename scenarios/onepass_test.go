package scenarios_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/scenarios"
)

// problemsOf parses doc and returns its field errors.
func problemsOf(doc string) []scenarios.FieldError {
	GinkgoHelper()
	_, err := scenarios.Parse([]byte(doc))
	return fieldErrors(err)
}

var _ = Describe("Parse in one pass", func() {
	It("reports a type error and a validation error together, in line order, each with its line and path", func() {
		Expect(problemsOf("rules:\n  - name: a\n    when:\n      times: -1\n  - name: b\n    when: {after: soon}\n")).To(Equal([]scenarios.FieldError{
			{Rule: "a", Path: "rules[0].when.times", Line: 4, Message: "must not be negative, got -1"},
			{Rule: "b", Path: "rules[1].when.after", Line: 6, Message: "must be a whole number"},
		}))
	})

	It("adds no follow-up of a value it could not read", func() {
		Expect(problemsOf("rules:\n  - name: [a]\n    action:\n      latency: {lognormal: {median: soon, sigma: 1}}\n")).To(Equal([]scenarios.FieldError{
			{Rule: "rules[0]", Path: "rules[0].name", Line: 2, Message: "must be a string"},
			{Rule: "rules[0]", Path: "rules[0].action.latency.lognormal.median", Line: 4, Message: "must be a Go duration like 300ms or 2s"},
		}))
	})

	DescribeTable("names the codes of the error table near an unknown one",
		func(code, message string) {
			Expect(problemsOf("rules:\n  - name: a\n    action: {error: " + code + "}\n")).To(Equal([]scenarios.FieldError{
				{Rule: "a", Path: "rules[0].action.error", Line: 3, Message: message},
			}))
		},
		Entry("a letter missing", "SlowDwn",
			`unknown error code "SlowDwn"; did you mean SlowDown? (or give status and message too, for a code the error table does not have)`),
		Entry("another case", "accessdenied",
			`unknown error code "accessdenied"; did you mean AccessDenied? (or give status and message too, for a code the error table does not have)`),
		Entry("nothing near", "Teapot",
			`unknown error code "Teapot": give status and message too, or use a code of the error table`),
	)
})
