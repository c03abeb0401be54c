package mock_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// realSnapshot is a real snapshot: the example seed loaded, an account with a key, and
// a second bucket in another region.
func realSnapshot() *mock.State {
	GinkgoHelper()
	seed, err := fixtures.Seeds.ReadFile("seeds/example.yaml")
	Expect(err).NotTo(HaveOccurred())
	st, err := mock.ParseState(seed)
	Expect(err).NotTo(HaveOccurred())
	for i := range st.Buckets {
		st.Buckets[i].Created = time.Date(2026, 11, 25, 12, 0, 0, 123456789, time.UTC)
	}
	st.Accounts = []identity.Account{{ID: "123456789012", Keys: []identity.Key{
		{AccessKeyID: "AKIAEXAMPLEOWNER", SecretAccessKey: "owner-secret", Actions: []string{"s3:*"}},
	}}}
	srv := mock.New()
	Expect(srv.LoadState(st)).To(Succeed())
	return srv.State()
}

// loadedAs is the JSON of the state a server holds after loading doc, or the error.
func loadedAs(doc []byte) (string, error) {
	st, err := mock.ParseState(doc)
	if err != nil {
		return "", err
	}
	srv := mock.New()
	if err := srv.LoadState(st); err != nil {
		return "", err
	}
	js, err := srv.State().JSON()
	return string(js), err
}

var _ = Describe("a snapshot cut short", func() {
	DescribeTable("never loads as a state that never existed, wherever it is cut",
		func(render func(*mock.State) ([]byte, error)) {
			snapshot := realSnapshot()
			want, err := snapshot.JSON()
			Expect(err).NotTo(HaveOccurred())
			doc, err := render(snapshot)
			Expect(err).NotTo(HaveOccurred())
			Expect(loadedAs(doc)).To(Equal(string(want)))
			var different []int
			for cut := range len(doc) {
				got, err := loadedAs(doc[:cut])
				if err == nil && got != string(want) {
					different = append(different, cut)
				}
			}
			Expect(different).To(BeEmpty(), "of %d cut points, these load as another state", len(doc))
		},
		Entry("in YAML", (*mock.State).YAML),
		Entry("in JSON", (*mock.State).JSON),
	)
})

var _ = Describe("ParseState of a snapshot", func() {
	It("renders the seal first, so that a cut anywhere after it keeps the claim", func() {
		doc, err := realSnapshot().YAML()
		Expect(err).NotTo(HaveOccurred())
		Expect(string(doc)).To(MatchRegexp(`^snapshot:\n  sha256: [0-9a-f]{64}\nbuckets:\n`))
		js, err := realSnapshot().JSON()
		Expect(err).NotTo(HaveOccurred())
		Expect(string(js)).To(MatchRegexp(`^\{\n  "snapshot": \{\n    "sha256": "[0-9a-f]{64}"\n  \},\n  "buckets": \[\n`))
	})

	It("refuses an edited snapshot with the seal's line", func() {
		doc, err := realSnapshot().YAML()
		Expect(err).NotTo(HaveOccurred())
		edited := strings.Replace(string(doc), "region: eu-west-1", "region: eu-west-2", 1)
		Expect(edited).NotTo(Equal(string(doc)))
		_, err = mock.ParseState([]byte(edited))
		Expect(stateProblems(err)).To(Equal([]mock.StateProblem{{Line: 2, Path: "snapshot",
			Message: "the buckets and accounts do not match the snapshot's sha256: the file is cut short or was edited " +
				"(to load an edited snapshot as a seed, delete its snapshot key)"}}))
	})

	It("refuses a snapshot cut right after its key", func() {
		_, err := mock.ParseState([]byte("snapshot:\n"))
		Expect(stateProblems(err)).To(Equal([]mock.StateProblem{{Line: 1, Path: "snapshot",
			Message: "a snapshot without its sha256: the file is cut short " +
				"(to load an edited snapshot as a seed, delete its snapshot key)"}}))
	})

	It("loads the same snapshot with its seal deleted, as a hand-written seed", func() {
		doc, err := realSnapshot().YAML()
		Expect(err).NotTo(HaveOccurred())
		_, seed, found := strings.Cut(string(doc), "\nbuckets:")
		Expect(found).To(BeTrue())
		want, err := realSnapshot().JSON()
		Expect(err).NotTo(HaveOccurred())
		Expect(loadedAs([]byte("buckets:" + seed))).To(Equal(string(want)))
	})
})

var _ = Describe("a snapshot an earlier release wrote", func() {
	It("still verifies, and renders again with the same seal", func() {
		doc, err := fixtures.Seeds.ReadFile("seeds/snapshot-04270cd.yaml")
		Expect(err).NotTo(HaveOccurred())
		st, err := mock.ParseState(doc)
		Expect(err).NotTo(HaveOccurred())
		srv := mock.New()
		Expect(srv.LoadState(st)).To(Succeed())
		again, err := srv.State().YAML()
		Expect(err).NotTo(HaveOccurred())
		Expect(string(again)).To(HavePrefix("snapshot:\n  sha256: fdb5a70d770f43e80937dc195589f831138bf273868e37979d2bee97b146f35e\n"))
		Expect(string(doc)).To(HaveSuffix(strings.SplitN(string(again), "\n", 3)[2]))
	})
})

var _ = Describe("the seal's digest", func() {
	// plainDigest is the digest as 04270cd computed it: one hash Write per length and
	// per value.
	plainDigest := func(values ...string) string {
		h := sha256.New()
		for _, v := range values {
			h.Write(binary.AppendUvarint(nil, uint64(len(v))))
			h.Write([]byte(v))
		}
		return hex.EncodeToString(h.Sum(nil))
	}

	It("hashes the same bytes through its buffer, at every size around the buffer's", func() {
		block := 64 << 10
		var sizes []int
		for _, around := range []int{0, block - 10, block, 2 * block, 3*block + 7} {
			for d := -3; d <= 3; d++ {
				if around+d >= 0 {
					sizes = append(sizes, around+d)
				}
			}
		}
		for _, n := range sizes {
			values := []string{strings.Repeat("a", n), "", strings.Repeat("b", n/3+1), "c"}
			Expect(mock.DigestStrings(values...)).To(Equal(plainDigest(values...)), "values of %d bytes", n)
		}
		many := make([]string, 20000) // many short values: several flushes on lengths alone
		for i := range many {
			many[i] = strings.Repeat("x", i%37)
		}
		Expect(mock.DigestStrings(many...)).To(Equal(plainDigest(many...)))
	})
})
