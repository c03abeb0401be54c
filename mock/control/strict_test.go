package control_test

import (
	"net/http"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/control"
)

const aliasMessage = "aliases are not accepted (each reference would be read again in full); write the value out"

// The four shapes a document reader refuses, for each endpoint that takes a document.
var _ = Describe("a document that amplifies or hides a value", func() {
	DescribeTable("answers 400 VALIDATION_ERROR with the line, and changes nothing",
		func(path, contentType, body string, line int, message string) {
			s := start()
			before, _ := s.call(http.MethodGet, control.ScenariosPath, "", "")
			Expect(before).To(Equal(http.StatusOK))
			code, env := s.call(http.MethodPut, path, contentType, body)
			Expect(code).To(Equal(http.StatusBadRequest))
			Expect(env.Success).To(BeFalse())
			Expect(env.Error.Code).To(Equal(control.CodeValidation))
			Expect(env.Error.Details).To(ConsistOf(control.Detail{Line: line, Message: message}))
			Expect(s.srv.Buckets()).To(ConsistOf(HaveField("Name", "logs")))
			_, status := s.call(http.MethodGet, control.ScenariosPath, "", "")
			Expect(string(status.Data)).To(ContainSubstring(`"active":false`))
		},
		Entry("PUT /_mock/scenarios with an alias", control.ScenariosPath, "application/yaml",
			"rules:\n  - &r {name: a, action: {error: SlowDown}}\n  - *r\n", 3, "alias *r: "+aliasMessage),
		Entry("PUT /_mock/scenarios with a name twice", control.ScenariosPath, "application/yaml",
			"rules:\n  - {name: a, name: b, action: {error: SlowDown}}\n", 2, `key "name" is given twice in this mapping (first on line 2)`),
		Entry("PUT /_mock/scenarios with a second document", control.ScenariosPath, "",
			"rules: []\n---\nrules: [{name: a, action: {error: SlowDown}}]\n", 2, "a second YAML document (---); a file holds one"),
		Entry("PUT /_mock/scenarios with a second JSON value", control.ScenariosPath, "",
			"{\"rules\": []}\n{\"rules\": []}", 2, "a second JSON value; a document holds one"),

		Entry("PUT /_mock/state with an alias", control.StatePath, "",
			"buckets:\n  - &b {name: reports}\n  - *b\n", 3, "alias *b: "+aliasMessage),
		Entry("PUT /_mock/state with buckets twice", control.StatePath, "",
			"buckets: []\nbuckets: [{name: reports}]\n", 2, `key "buckets" is given twice in this mapping (first on line 1)`),
		Entry("PUT /_mock/state with a second document", control.StatePath, "",
			"buckets: []\n---\nbuckets: [{name: reports}]\n", 2, "a second YAML document (---); a file holds one"),
		Entry("PUT /_mock/state with a second JSON value", control.StatePath, "",
			"{\"buckets\": []}\n{\"buckets\": [{\"name\": \"reports\"}]}", 2, "a second JSON value; a document holds one"),

		Entry("PUT /_mock/replay with an alias", control.ReplayPath, "",
			"seed: &s {buckets: []}\nscenario: *s\n", 2, "alias *s: "+aliasMessage),
		Entry("PUT /_mock/replay with two seeds", control.ReplayPath, "",
			"seed: {buckets: [{name: reports}]}\nscenario: {rules: []}\nseed: {buckets: []}\n", 3, `key "seed" is given twice in this mapping (first on line 1)`),
		Entry("PUT /_mock/replay with a second document", control.ReplayPath, "",
			"scenario: {rules: []}\n---\nseed: {buckets: [{name: reports}]}\n", 2, "a second YAML document (---); a file holds one"),
		Entry("PUT /_mock/replay with a second JSON value", control.ReplayPath, "",
			"{\"scenario\": {\"rules\": []}}\n{\"seed\": {\"buckets\": []}}", 2, "a second JSON value; a document holds one"),
	)

	It("PUT /_mock/state refuses a damaged snapshot and keeps the state", func() {
		s := start()
		code, env := s.call(http.MethodPut, control.StatePath, "", "snapshot:\n  sha256: 00\nbuckets:\n  - name: reports\n")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(env.Error.Code).To(Equal(control.CodeValidation))
		Expect(env.Error.Details).To(ConsistOf(control.Detail{Path: "snapshot", Line: 2, Message: "the buckets and accounts do not match " +
			"the snapshot's sha256: the file is cut short or was edited (to load an edited snapshot as a seed, delete its snapshot key)"}))
		Expect(s.srv.Buckets()).To(ConsistOf(HaveField("Name", "logs")))
	})

	It("PUT /_mock/replay loads a flow-style bundle", func() {
		s := start()
		code, env := s.call(http.MethodPut, control.ReplayPath, "",
			"{seed: {buckets: [{name: reports}]}, scenario: {rules: [{name: slow, action: {error: SlowDown}}]}}")
		Expect(code).To(Equal(http.StatusOK), "%+v", env.Error)
		Expect(string(env.Data)).To(Equal(`{"buckets":1,"rules":1}`))
	})
})
