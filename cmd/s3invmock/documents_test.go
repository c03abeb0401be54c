package main_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"

	"github.com/s3invmock/s3invmock/mock"
)

// laughs is a 100 KB scenario of aliases to one rule: before the strict reader, the
// sidecar walked the rule once per alias and ran out of memory.
func laughs() string {
	return "rules: [&r {name: r, action: {error: SlowDown}}, " + strings.Repeat("*r, ", 25000) + "*r]\n"
}

// cutSnapshot is a real snapshot of two buckets, cut in the middle of the second one.
func cutSnapshot() string {
	GinkgoHelper()
	srv := mock.New()
	Expect(srv.AddBucket("reports")).To(Succeed())
	Expect(srv.AddBucket("archive")).To(Succeed())
	Expect(srv.PutConfigurationXML("archive", document("daily", "p/"))).To(Succeed())
	doc, err := srv.State().YAML()
	Expect(err).NotTo(HaveOccurred())
	i := strings.Index(string(doc), "name: reports")
	Expect(i).To(BeNumerically(">", 0))
	return string(doc[:i+len("name: rep")])
}

var _ = Describe("s3invmock at start, given a document that amplifies, hides a value or is cut short", Label("binary"), func() {
	DescribeTable("exits 2 with one line that names the setting, the file and the line",
		func(setting, name, content, line string) {
			file := writeFile(name, content)
			s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", setting + "=" + file})
			Eventually(s).Should(gexec.Exit(2))
			Expect(strings.Count(string(s.Err.Contents()), "\n")).To(Equal(1))
			Expect(s.Err).To(gbytes.Say(line))
			Expect(s.Out.Contents()).To(BeEmpty())
		},
		Entry("a 100 KB billion-laughs scenario", "S3INVMOCK_SCENARIO", "laughs.yaml", laughs(),
			`^s3invmock: S3INVMOCK_SCENARIO \(-scenario\) .*laughs.yaml:1: alias \*r: aliases are not accepted`),
		Entry("a seed with a bucket's name twice", "S3INVMOCK_SEED", "seed.yaml", "buckets:\n  - name: reports\n    name: archive\n",
			`^s3invmock: S3INVMOCK_SEED \(-seed\) .*seed.yaml:3: key "name" is given twice in this mapping \(first on line 2\)\n$`),
		Entry("a seed of two JSON values", "S3INVMOCK_SEED", "seed.json", "{\"buckets\": []}\n{\"buckets\": []}\n",
			`^s3invmock: S3INVMOCK_SEED \(-seed\) .*seed.json:2: a second JSON value; a document holds one\n$`),
		Entry("a snapshot cut short", "S3INVMOCK_STATE", "state.yaml", cutSnapshot(),
			`^s3invmock: S3INVMOCK_STATE \(-state\) .*state.yaml:2: snapshot: the buckets and accounts do not match the snapshot's sha256: the file is cut short or was edited`),
		Entry("a bundle of two documents", "S3INVMOCK_REPLAY", "bundle.yaml", "scenario: {rules: []}\n---\nseed: {buckets: []}\n",
			`^s3invmock: S3INVMOCK_REPLAY \(-replay\) .*bundle.yaml:2: a second YAML document \(---\); a file holds one\n$`),
	)

	It("loads a flow-style bundle with -replay", func() {
		bundle := writeFile("bundle.yaml", "{seed: {buckets: [{name: reports}]}, scenario: {rules: []}}\n")
		_, base := startSidecar("S3INVMOCK_REPLAY=" + bundle)
		status, _, body := send("GET", base+"/", nil)
		Expect(status).To(Equal(200))
		Expect(body).To(ContainSubstring("<Name>reports</Name>"))
	})

	It("validate points at the alias of a billion-laughs scenario and exits 1", func() {
		file := writeFile("laughs.yaml", laughs())
		s := launch(nil, "validate", file)
		Eventually(s).Should(gexec.Exit(1))
		Expect(string(s.Out.Contents())).To(Equal(file + ":1: alias *r: aliases are not accepted " +
			"(each reference would be read again in full); write the value out\n"))
	})

	It("validate reads a sealed snapshot as a seed", func() {
		srv := mock.New()
		Expect(srv.AddBucket("reports")).To(Succeed())
		doc, err := srv.State().YAML()
		Expect(err).NotTo(HaveOccurred())
		file := writeFile("state.yaml", string(doc))
		s := launch(nil, "validate", file)
		Eventually(s).Should(gexec.Exit(0))
		Expect(string(s.Out.Contents())).To(Equal(file + ": ok\n"))
	})
})
