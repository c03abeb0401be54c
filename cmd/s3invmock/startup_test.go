package main_test

import (
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// firstLine is the first whole line of b, "" until one is there: stderr and stdout
// are read apart, so the ready line on stdout may arrive before stderr's line does.
func firstLine(b *gbytes.Buffer) func() string {
	return func() string {
		line, _, ok := strings.Cut(string(b.Contents()), "\n")
		if !ok {
			return ""
		}
		return line + "\n"
	}
}

var _ = Describe("the s3invmock binary at start", Label("binary"), func() {
	DescribeTable("exits 2 with one line on what it does not know",
		func(args []string, env []string, line string) {
			s := launch(append([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, env...), args...)
			Eventually(s).Should(gexec.Exit(2))
			Expect(string(s.Err.Contents())).To(Equal(line))
			Expect(s.Out.Contents()).To(BeEmpty())
		},
		Entry("a misspelt variable", nil, []string{"S3INVMOCK_SEEDS=" + exampleSeed},
			"s3invmock: unknown variable S3INVMOCK_SEEDS; did you mean S3INVMOCK_SEED? (see -h)\n"),
		Entry("a misspelt command", []string{"healthchek"}, nil,
			"s3invmock: unknown command healthchek; did you mean healthcheck? (see -h)\n"),
		Entry("an unknown flag", []string{"-port", "9090"}, nil, "s3invmock: unknown flag -port (see -h)\n"),
		Entry("a port without a host", []string{"-addr", "9090"}, nil,
			`s3invmock: S3INVMOCK_ADDR (-addr) "9090": is a port without a host; did you mean ":9090" (every interface) or "127.0.0.1:9090" (loopback only)?`+"\n"),
		Entry("a whitespace-only admin token", nil, []string{"S3INVMOCK_ADMIN_TOKEN=   "},
			`s3invmock: S3INVMOCK_ADMIN_TOKEN (-admin-token) "   ": is whitespace only; give a token of visible characters, or none`+"\n"),
	)

	DescribeTable("prints its help on stdout with the real default hosts",
		func(arg string) {
			s := launch(nil, arg)
			Eventually(s).Should(gexec.Exit(0))
			Expect(s.Out).To(gbytes.Say(`(?m)^usage: s3invmock \[serve\]`))
			Expect(s.Out).To(gbytes.Say(`\n  -hosts, S3INVMOCK_HOSTS \(default s3\.amazonaws\.com,s3\.\{region\}\.amazonaws\.com,localhost\)\n`))
			Expect(s.Err.Contents()).To(BeEmpty())
		},
		Entry("-h", "-h"),
		Entry("help", "help"),
	)

	DescribeTable("prints its version for the flag too",
		func(arg string) {
			s := launch(nil, arg)
			Eventually(s).Should(gexec.Exit(0))
			Expect(s.Out).To(gbytes.Say(`^s3invmock ` + regexp.QuoteMeta(testVersion) + ` go1\.`))
		},
		Entry("-version", "-version"),
		Entry("--version", "--version"),
	)

	DescribeTable("says on stderr what state it loaded, before the ready line",
		func(setup func() (env []string, line string)) {
			env, line := setup()
			s, _ := startSidecar(env...)
			Eventually(firstLine(s.Err)).Should(Equal(line))
		},
		Entry("nothing", func() ([]string, string) { return nil, "s3invmock: no seed: starting empty\n" }),
		Entry("the seed", func() ([]string, string) {
			return []string{"S3INVMOCK_SEED=" + exampleSeed},
				"s3invmock: loaded seed " + exampleSeed + ": 2 buckets, 3 configurations, 0 objects\n"
		}),
		Entry("a seed of thousands of objects", func() ([]string, string) {
			seed := writeFile("big.yaml", "buckets:\n  - name: src\n    inventory: []\n    generate: {count: 1250, versions: 2}\n")
			return []string{"S3INVMOCK_SEED=" + seed},
				"s3invmock: loaded seed " + seed + ": 1 bucket, 0 configurations, 2,500 objects\n"
		}),
		Entry("a snapshot not written yet", func() ([]string, string) {
			state := filepath.Join(GinkgoT().TempDir(), "state.yaml")
			return []string{"S3INVMOCK_STATE=" + state},
				"s3invmock: no seed, and no snapshot at " + state + " yet: starting empty\n"
		}),
		Entry("a snapshot, which wins over the seed", func() ([]string, string) {
			state := filepath.Join(GinkgoT().TempDir(), "state.yaml")
			s, base := startSidecar("S3INVMOCK_STATE=" + state)
			send("PUT", base+"/reports", nil)
			send("PUT", base+"/reports?inventory&id=daily", document("daily", "p/"))
			s.Terminate()
			Eventually(s).Should(gexec.Exit(0))
			return []string{"S3INVMOCK_STATE=" + state, "S3INVMOCK_SEED=" + exampleSeed},
				"s3invmock: loaded snapshot " + state + " (instead of the seed " + exampleSeed + "): 1 bucket, 1 configuration, 0 objects\n"
		}),
		Entry("a replay bundle over the seed", func() ([]string, string) {
			bundle := "../../fixtures/bundles/slowdown-retry-storm.yaml"
			return []string{"S3INVMOCK_SEED=" + exampleSeed, "S3INVMOCK_REPLAY=" + bundle},
				"s3invmock: loaded replay bundle " + bundle + " (instead of the seed " + exampleSeed + "): 1 bucket, 0 configurations, 0 objects\n"
		}),
	)

	It("says it as one JSON record in JSON log mode", func() {
		s, _ := startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_LOG=json")
		Eventually(firstLine(s.Err)).Should(MatchRegexp(
			`^\{"time":"[^"]+","level":"INFO","msg":"loaded","source":"seed","file":"` + regexp.QuoteMeta(exampleSeed) +
				`","buckets":2,"configurations":3,"objects":0\}\n$`))
	})
})
