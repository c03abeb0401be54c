package mock_test

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
)

// jsonOf is a state as JSON in three spellings: the sealed, indented snapshot
// State.JSON writes, and the unsealed seed as compact and as indented JSON.
func jsonOf(st *mock.State) map[string][]byte {
	GinkgoHelper()
	snap, err := st.JSON()
	Expect(err).NotTo(HaveOccurred())
	compact, err := json.Marshal(st)
	Expect(err).NotTo(HaveOccurred())
	indented, err := json.MarshalIndent(st, "", "\t")
	Expect(err).NotTo(HaveOccurred())
	return map[string][]byte{"snapshot": snap, "compact seed": compact,
		"indented seed": []byte(strings.ReplaceAll(string(indented), "\t", "   "))}
}

// fixtureJSON is every fixture seed and a snapshot with every part (objects with text
// and binary bodies, accounts, delivery records, the clock, schedules, a pending
// landing) as JSON, by name.
func fixtureJSON() map[string][]byte {
	GinkgoHelper()
	out := map[string][]byte{}
	add := func(name string, st *mock.State) {
		for spelling, doc := range jsonOf(st) {
			out[name+", "+spelling] = doc
		}
	}
	for _, name := range []string{"seeds/example.yaml", "seeds/reports.yaml"} {
		seed, err := fixtures.Seeds.ReadFile(name)
		Expect(err).NotTo(HaveOccurred())
		st, err := mock.ParseState(seed)
		Expect(err).NotTo(HaveOccurred())
		add(name, st)
		srv := mock.New()
		Expect(srv.LoadState(st)).To(Succeed())
		add(name+" loaded", srv.State())
	}
	add("a real snapshot", realSnapshot())
	fake, client := startClock(mock.WithDeliveryLag(30 * time.Hour))
	putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
	putConfig(client, weekly("weekly"))
	_, _ = fake.Clock().Advance(50 * time.Hour)
	st := fake.State()
	Expect(st.Clock).NotTo(BeNil())
	Expect(st.Schedules).NotTo(BeEmpty())
	Expect(st.Landings).NotTo(BeEmpty())
	Expect(st.Deliveries).NotTo(BeEmpty())
	add("a snapshot with the clock", st)
	return out
}

var _ = Describe("ParseState of JSON", func() {
	It("reads every fixture seed and snapshot by the fast path, to exactly the State of the line-aware path", func() {
		docs := fixtureJSON()
		Expect(len(docs)).To(BeNumerically(">=", 18))
		for name, doc := range docs {
			want, err := mock.ParseStateLines(doc)
			Expect(err).NotTo(HaveOccurred(), name)
			got, ok := mock.ParseStateFast(doc)
			Expect(ok).To(BeTrue(), name)
			Expect(got).To(Equal(want), name) // lines included: DeepEqual sees unexported fields
			parsed, err := mock.ParseState(doc)
			Expect(err).NotTo(HaveOccurred())
			Expect(parsed).To(Equal(want), name)
		}
	})

	It("gives LoadState the lines of the line-aware path, so that its problems are the same", func() {
		doc := "{\n  \"buckets\": [\n    {\n      \"name\": \"reports\",\n      \"inventory\": [\n" +
			"        \"<InventoryConfiguration><Id>a</Id></InventoryConfiguration>\"\n      ]\n    },\n" +
			"    {\"name\": \"Bad_Name\"}\n  ],\n  \"accounts\": [{\"id\": \"12\"}]\n}\n"
		_, ok := mock.ParseStateFast([]byte(doc))
		Expect(ok).To(BeTrue())
		load := func(st *mock.State, err error) []mock.StateProblem {
			Expect(err).NotTo(HaveOccurred())
			return stateProblems(mock.New().LoadState(st))
		}
		problems := load(mock.ParseState([]byte(doc)))
		Expect(problems).To(Equal(load(mock.ParseStateLines([]byte(doc)))))
		lines := []int{}
		for _, p := range problems {
			lines = append(lines, p.Line)
		}
		Expect(lines).To(Equal([]int{6, 9, 11}))
	})

	DescribeTable("leaves to the line-aware path what it cannot vouch for, which refuses it with the same problems",
		func(doc string, want ...mock.StateProblem) {
			_, ok := mock.ParseStateFast([]byte(doc))
			Expect(ok).To(BeFalse())
			_, err := mock.ParseState([]byte(doc))
			_, lerr := mock.ParseStateLines([]byte(doc))
			Expect(err).To(Equal(lerr))
			Expect(stateProblems(err)).To(Equal(want))
		},
		Entry("a key twice", "{\"buckets\": [{\"name\": \"reports\",\n  \"region\": \"eu-west-1\", \"region\": \"us-east-1\"}]}",
			mock.StateProblem{Line: 2, Message: `key "region" is given twice in this mapping (first on line 2)`}),
		Entry("a top-level key twice", "{\"buckets\": [],\n\"accounts\": [],\n\"buckets\": []}",
			mock.StateProblem{Line: 3, Message: `key "buckets" is given twice in this mapping (first on line 1)`}),
		Entry("a second value", "{\"buckets\": []}\n{\"buckets\": [{\"name\": \"reports\"}]}\n",
			mock.StateProblem{Line: 2, Message: "a second JSON value; a document holds one"}),
		Entry("a document that is not JSON", "{\"buckets\": [\n  {\"name\": \"a\"},\n}",
			mock.StateProblem{Line: 3, Message: "not valid JSON: invalid character '}' looking for beginning of value"}),
		Entry("an unknown key", "{\n\"buckets\": [{\"name\": \"a\", \"colour\": \"red\"}]}",
			mock.StateProblem{Line: 2, Path: "buckets[0].colour", Message: `unknown key "colour"; known keys: created, generate, inventory, name, objects, owner, region`}),
		Entry("a bucket without a name", "{\"buckets\": [\n {\"region\": \"eu-west-1\"}]}",
			mock.StateProblem{Line: 2, Path: "buckets[0]", Message: `missing key "name"`}),
		Entry("a quoted number", "{\"buckets\": [{\"name\": \"a\",\n \"objects\": [{\"Key\": \"k\", \"Size\": \"12\"}]}]}",
			mock.StateProblem{Line: 2, Path: "buckets[0].objects[0].Size", Message: "must be a whole number"}),
		Entry("a date that is not RFC 3339", "{\"buckets\": [{\"name\": \"a\",\n \"created\": \"yesterday\"}]}",
			mock.StateProblem{Line: 2, Path: "buckets[0].created", Message: `not an RFC 3339 time such as 2026-11-25T12:00:00Z: "yesterday"`}),
		Entry("\\/, which yaml.v3 does not know", "{\"buckets\": [{\"name\": \"a\\/b\"}]}",
			mock.StateProblem{Message: "not valid YAML: found unknown escape character"}),
	)

	When("the document is a snapshot", func() {
		It("refuses a bad seal with the line-aware path's problem", func() {
			doc, err := realSnapshot().JSON()
			Expect(err).NotTo(HaveOccurred())
			edited := []byte(strings.Replace(string(doc), `"name": "`, `"name": "x`, 1))
			_, ok := mock.ParseStateFast(edited)
			Expect(ok).To(BeFalse())
			_, err = mock.ParseState(edited)
			_, lerr := mock.ParseStateLines(edited)
			Expect(err).To(Equal(lerr))
			Expect(stateProblems(err)).To(Equal([]mock.StateProblem{{Line: 2, Path: "snapshot",
				Message: "the buckets and accounts do not match the snapshot's sha256: the file is cut short or was edited " +
					"(to load an edited snapshot as a seed, delete its snapshot key)"}}))
		})
	})
})
