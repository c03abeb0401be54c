package main_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

var _ = Describe("the s3invmock binary", Label("binary"), func() {
	When("configured by environment only", func() {
		It("prints the ready line, serves the seed and logs each request", func() {
			s, base := startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_LOG=json")
			status, _, body := send("GET", base+"/reports?inventory&id=daily-csv", nil)
			Expect(status).To(Equal(200))
			Expect(body).To(ContainSubstring("<Id>daily-csv</Id>"))
			Eventually(s.Err).Should(gbytes.Say(`"msg":"request","operation":"GetBucketInventoryConfiguration",` +
				`"method":"GET","path":"/reports","bucket":"reports","id":"daily-csv","status":200,"code":""`))
			status, _, _ = send("GET", base+"/archive?inventory&id=missing", nil)
			Expect(status).To(Equal(404))
			Eventually(s.Err).Should(gbytes.Say(`"status":404,"code":"NoSuchConfiguration"`))
		})

		It("fires the scenario's rules and names them in the log", func() {
			_, base := startSidecar("S3INVMOCK_SCENARIO=../../fixtures/scenarios/access-denied-bucket.yaml")
			send("PUT", base+"/forbidden-bucket", nil)
			status, _, body := send("GET", base+"/forbidden-bucket?inventory", nil)
			Expect(status).To(Equal(403))
			Expect(body).To(ContainSubstring("<Code>AccessDenied</Code>"))
		})
	})

	DescribeTable("exits 2 with one line naming a bad setting",
		func(args []string, env []string, line string) {
			s := launch(append([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, env...), args...)
			Eventually(s).Should(gexec.Exit(2))
			Expect(s.Err).To(gbytes.Say(line))
			Expect(strings.Count(string(s.Err.Contents()), "\n")).To(Equal(1))
			Expect(s.Out.Contents()).To(BeEmpty())
		},
		Entry("an unparsable address", nil, []string{"S3INVMOCK_ADDR=nope"}, `^s3invmock: S3INVMOCK_ADDR \(-addr\) "nope": .*missing port`),
		Entry("a bad flag beats a good variable", []string{"-log", "xml"}, []string{"S3INVMOCK_LOG=json"}, `S3INVMOCK_LOG \(-log\) "xml"`),
		Entry("a missing seed file", nil, []string{"S3INVMOCK_SEED=/nonexistent/seed.yaml"}, `S3INVMOCK_SEED \(-seed\) /nonexistent/seed.yaml: no such file`),
		Entry("an invalid scenario", nil, []string{"S3INVMOCK_SCENARIO=../../fixtures/seeds/example.yaml"}, `S3INVMOCK_SCENARIO \(-scenario\) .*example.yaml:\d+: .*unknown key "buckets"`),
		Entry("a write timeout that is not a positive duration", []string{"-write-timeout", "0"}, nil,
			`^s3invmock: S3INVMOCK_WRITE_TIMEOUT \(-write-timeout\) "0": want a positive Go duration such as 20s or 1m\n`),
		Entry("a record cap that is no size", []string{"-record-max-body", "1KB"}, nil,
			`^s3invmock: S3INVMOCK_RECORD_MAX_BODY \(-record-max-body\) "1KB": is not a byte count like 64MiB, 512KiB or 1048576 \(0 to 4EiB\)\n`),
		Entry("a bucket cap that is no number", []string{"-max-buckets", "0"}, nil,
			`^s3invmock: S3INVMOCK_MAX_BUCKETS \(-max-buckets\) "0": is not a whole number of buckets, at least 1\n`),
		Entry("a row count that is no number", []string{"-rows-per-file", "0"}, nil,
			`^s3invmock: S3INVMOCK_ROWS_PER_FILE \(-rows-per-file\) "0": is not a whole number of rows, at least 1\n`),
		Entry("a snapshot in a directory that does not exist", nil, []string{"S3INVMOCK_STATE=/nonexistent/dir/state.yaml"},
			`^s3invmock: S3INVMOCK_STATE \(-state\) /nonexistent/dir/state.yaml: cannot create a file in /nonexistent/dir, where the snapshot goes: no such file or directory\n`),
		Entry("an address that cannot be listened on", nil, []string{"S3INVMOCK_ADDR=256.0.0.1:1"}, `S3INVMOCK_ADDR \(-addr\) "256.0.0.1:1": listen`),
	)

	It("refuses a seed with an invalid document: S3 code, bucket, Id and line", func() {
		seed := writeFile("seed.yaml", "buckets:\n  - name: reports\n    inventory:\n      - '"+
			strings.Replace(string(document("daily", "p/")), "<Format>CSV", "<Format>XLS", 1)+"'\n")
		s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_SEED=" + seed})
		Eventually(s).Should(gexec.Exit(2))
		Expect(s.Err).To(gbytes.Say(`S3INVMOCK_SEED \(-seed\) .*seed.yaml:4: buckets\[0\]\.inventory\[0\]: ` +
			`bucket "reports", configuration "daily": MalformedXML: `))
	})

	DescribeTable("snapshots on a signal and restores Get and List byte for byte",
		func(sig syscall.Signal, file string) {
			state := filepath.Join(GinkgoT().TempDir(), file)
			s, base := startSidecar("S3INVMOCK_STATE=" + state)
			status, _, _ := send("PUT", base+"/reports", nil)
			Expect(status).To(Equal(200))
			status, _, _ = send("PUT", base+"/eu-bucket", []byte(
				`<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`))
			Expect(status).To(Equal(200))
			ids := map[string][]string{"reports": nil, "eu-bucket": {"odd"}}
			for i := 0; i < 120; i++ {
				id := fmt.Sprintf("cfg-%03d", i)
				ids["reports"] = append(ids["reports"], id)
				status, _, _ := send("PUT", base+"/reports?inventory&id="+id, document(id, "logs/"))
				Expect(status).To(Equal(204))
			}
			status, _, _ = send("PUT", base+"/eu-bucket?inventory&id=odd", document("odd", `a &amp; "b" &lt;c&gt; #: x`))
			Expect(status).To(Equal(204))
			before := clientView(base, ids)

			s.Signal(sig)
			Eventually(s).Should(gexec.Exit(0))
			Expect(state).To(BeAnExistingFile())
			Expect(s.Err).To(gbytes.Say("snapshot written"))
			Expect(modeOf(state)).To(Equal(os.FileMode(0o600)), "a snapshot holds secret keys")

			_, base = startSidecar("S3INVMOCK_STATE=" + state)
			Expect(clientView(base, ids)).To(Equal(before))
		},
		Entry("SIGTERM, YAML", syscall.SIGTERM, "state.yaml"),
		Entry("SIGINT, JSON", syscall.SIGINT, "state.json"),
	)

	It("starts from the snapshot instead of the seed when the snapshot exists", func() {
		state := writeFile("state.yaml", "buckets:\n  - name: from-snapshot\n")
		_, base := startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_STATE="+state)
		_, _, body := send("GET", base+"/", nil)
		Expect(body).To(ContainSubstring("<Name>from-snapshot</Name>"))
		Expect(body).NotTo(ContainSubstring("<Name>reports</Name>"))
	})

	It("enforces the admin token on the control API, health exempt", func() {
		_, base := startSidecar("S3INVMOCK_ADMIN_TOKEN=t0ken")
		status, header, body := send("GET", base+"/_mock/requests", nil)
		Expect(status).To(Equal(401))
		Expect(header.Get("Content-Type")).To(Equal("application/json"))
		Expect(body).To(MatchJSON(`{"success":false,"error":{"code":"UNAUTHORIZED",` +
			`"message":"this control endpoint needs the header Authorization: Bearer <S3INVMOCK_ADMIN_TOKEN>"}}`))
		status, _, _ = send("GET", base+"/_mock/requests", nil, "Authorization", "Bearer t0ken")
		Expect(status).To(Equal(200))
		status, _, body = send("GET", base+"/_mock/health", nil)
		Expect(status).To(Equal(200))
		Expect(body).To(ContainSubstring(`"version":"` + testVersion + `"`))
		Expect(body).To(ContainSubstring(`"request_log_dropped":0}`))
	})

	It("snapshots on POST /_mock/state/snapshot while serving", func() {
		state := filepath.Join(GinkgoT().TempDir(), "state.yaml")
		_, base := startSidecar("S3INVMOCK_STATE=" + state)
		send("PUT", base+"/reports", nil)
		status, _, body := send("POST", base+"/_mock/state/snapshot", nil)
		Expect(status).To(Equal(200), body)
		Expect(os.ReadFile(state)).To(ContainSubstring("name: reports"))
	})

	It("writes a snapshot owner-only (0600), even over a world-readable one, as it holds secret keys", func() {
		state := writeFile("state.yaml", "buckets:\n  - name: reports\n")
		Expect(os.Chmod(state, 0o644)).To(Succeed())
		_, base := startSidecar("S3INVMOCK_STATE=" + state)
		status, _, body := send("POST", base+"/_mock/state/snapshot", nil)
		Expect(status).To(Equal(200), body)
		Expect(modeOf(state)).To(Equal(os.FileMode(0o600)))
		Expect(filepath.Glob(filepath.Join(filepath.Dir(state), ".state.yaml.*"))).To(BeEmpty(), "no probe or temporary file left")
	})

	It("checks signatures when S3INVMOCK_AUTH=verify", func() {
		_, base := startSidecar("S3INVMOCK_AUTH=verify")
		status, _, body := send("GET", base+"/", nil)
		Expect(status).To(Equal(403))
		Expect(body).To(ContainSubstring("<Code>AccessDenied</Code>"))
	})

	Describe("graceful shutdown", func() {
		// heldBy starts a Get that the scenario rule holds, and waits until the rule
		// has fired, so that the request is in flight when the signal comes.
		heldBy := func(scenario string) (*gexec.Session, chan int) {
			GinkgoHelper()
			sc := writeFile("scenario.yaml", scenario)
			s, base := startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_SCENARIO="+sc,
				"S3INVMOCK_STATE="+filepath.Join(GinkgoT().TempDir(), "state.yaml"))
			done := make(chan int, 1)
			go func() {
				defer GinkgoRecover()
				resp, err := http.Get(base + "/reports?inventory&id=daily-csv")
				if err != nil {
					done <- 0 // the connection was cut
					return
				}
				resp.Body.Close()
				done <- resp.StatusCode
			}()
			Eventually(func() string {
				_, _, body := send("GET", base+"/_mock/scenarios", nil)
				return body
			}).Should(ContainSubstring(`"fired":1`))
			return s, done
		}

		It("lets a request a latency holds finish, snapshots, then exits 0", func() {
			s, done := heldBy("rules:\n  - name: slow\n    match: {operation: GetBucketInventoryConfiguration}\n" +
				"    action: {latency: {fixed: 1h}}\n")
			s.Terminate()
			Eventually(done).Should(Receive(Equal(200)))
			Eventually(s).Should(gexec.Exit(0))
			Expect(s.Err).To(gbytes.Say("snapshot written"))
		})

		It("is not blocked by a hang fault", func() {
			s, done := heldBy("rules:\n  - name: hang\n    match: {operation: GetBucketInventoryConfiguration}\n" +
				"    action: {fault: hang}\n")
			s.Terminate()
			Eventually(s).Should(gexec.Exit(0))
			Eventually(done).Should(Receive(Equal(0)))
		})
	})

	Describe("healthcheck", func() {
		It("exits 0 against a running sidecar, even addressed as 0.0.0.0", func() {
			_, base := startSidecar()
			port := base[strings.LastIndex(base, ":")+1:]
			s := launch([]string{"S3INVMOCK_ADDR=0.0.0.0:" + port}, "healthcheck")
			Eventually(s).Should(gexec.Exit(0))
		})

		It("exits 1 when nothing answers", func() {
			s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:1"}, "healthcheck")
			Eventually(s).Should(gexec.Exit(1))
		})

		It("exits 1 when something else answers", func() {
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusServiceUnavailable)
			}))
			DeferCleanup(other.Close)
			s := launch(nil, "healthcheck", "-addr", strings.TrimPrefix(other.URL, "http://"))
			Eventually(s).Should(gexec.Exit(1))
			Expect(s.Err).To(gbytes.Say("503"))
		})
	})

	Describe("validate", func() {
		It("exits 0 when every seed and scenario is valid", func() {
			s := launch(nil, "validate", exampleSeed, "../../fixtures/scenarios/throttling-storm.yaml")
			Eventually(s).Should(gexec.Exit(0))
			Expect(s.Out).To(gbytes.Say(`example.yaml: ok\n.*throttling-storm.yaml: ok\n`))
		})

		It("exits 1 and points at the line of each problem", func() {
			seed := writeFile("seed.yaml", "buckets:\n  - name: reports\n    inventory:\n      - '"+
				strings.Replace(string(document("daily", "p/")), "arn:aws:s3:::dest", "dest", 1)+"'\n  - name: Bad_Name\n")
			sc := writeFile("scenario.yaml", "rules:\n  - name: deny\n    action:\n      error: NoSuchThing\n")
			s := launch(nil, "validate", seed, sc)
			Eventually(s).Should(gexec.Exit(1))
			Expect(s.Out).To(gbytes.Say(regexp.QuoteMeta(seed) + `:4: .*InvalidS3DestinationBucket: Invalid bucket ARN.\n`))
			Expect(s.Out).To(gbytes.Say(regexp.QuoteMeta(seed) + `:5: .*InvalidBucketName`))
			Expect(s.Out).To(gbytes.Say(regexp.QuoteMeta(sc) + `:4: rule "deny": rules\[0\]\.action\.error: `))
		})
	})

	It("prints the version stamped at build time", func() {
		s := launch(nil, "version")
		Eventually(s).Should(gexec.Exit(0))
		Expect(s.Out).To(gbytes.Say(`^s3invmock ` + regexp.QuoteMeta(testVersion) + ` go1\.`))
	})
})
