package main_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// exampleSeed is the seed fixtures ships, as a file path from this package.
const exampleSeed = "../../fixtures/seeds/example.yaml"

var readyLine = regexp.MustCompile(`s3invmock listening on (http://127\.0\.0\.1:\d+)\n`)

// launch runs the binary with only the given environment (and args), stopping it
// when the spec ends.
func launch(env []string, args ...string) *gexec.Session {
	GinkgoHelper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	s, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { s.Kill().Wait() })
	return s
}

// startSidecar launches the binary on a free loopback port, configured by env only,
// and returns it with its base URL once the ready line is out.
func startSidecar(env ...string) (*gexec.Session, string) {
	GinkgoHelper()
	s := launch(append([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, env...))
	Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
	m := readyLine.FindSubmatch(s.Out.Contents())
	Expect(m).NotTo(BeNil())
	return s, string(m[1])
}

// send makes one request and reads the whole answer.
func send(method, url string, body []byte, header ...string) (int, http.Header, string) {
	GinkgoHelper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return resp.StatusCode, resp.Header, string(b)
}

// document is a valid configuration document for id.
func document(id, prefix string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily` +
		`</Frequency></Schedule><Filter><Prefix>` + prefix + `</Prefix></Filter>` +
		`<IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`)
}

// clientView is every answer a client can see: ListBuckets, each List page and each
// Get, keyed by request target.
func clientView(base string, buckets map[string][]string) map[string]string {
	GinkgoHelper()
	view := map[string]string{}
	get := func(target string) string {
		status, _, body := send("GET", base+target, nil)
		return fmt.Sprintf("%d %s", status, body)
	}
	view["/"] = get("/")
	token := regexp.MustCompile(`<NextContinuationToken>([^<]+)</NextContinuationToken>`)
	escape := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D")
	for bucket, ids := range buckets {
		target := "/" + bucket + "?inventory"
		for {
			view[target] = get(target)
			m := token.FindStringSubmatch(view[target])
			if m == nil {
				break
			}
			target = "/" + bucket + "?inventory&continuation-token=" + escape.Replace(m[1])
		}
		for _, id := range ids {
			view["/"+bucket+"?inventory&id="+id] = get("/" + bucket + "?inventory&id=" + id)
		}
	}
	return view
}

// writeFile writes a file into the spec's temporary directory and returns its path.
func writeFile(name, content string) string {
	GinkgoHelper()
	p := filepath.Join(GinkgoT().TempDir(), name)
	Expect(os.WriteFile(p, []byte(content), 0o644)).To(Succeed())
	return p
}

var _ = Describe("the s3invmock binary", func() {
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

			_, base = startSidecar("S3INVMOCK_STATE=" + state)
			Expect(clientView(base, ids)).To(Equal(before))
		},
		Entry("SIGTERM, YAML", syscall.SIGTERM, "state.yaml"),
		Entry("SIGINT, JSON", syscall.SIGINT, "state.json"),
	)

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
	})

	It("snapshots on POST /_mock/state/snapshot while serving", func() {
		state := filepath.Join(GinkgoT().TempDir(), "state.yaml")
		_, base := startSidecar("S3INVMOCK_STATE=" + state)
		send("PUT", base+"/reports", nil)
		status, _, body := send("POST", base+"/_mock/state/snapshot", nil)
		Expect(status).To(Equal(200), body)
		Expect(os.ReadFile(state)).To(ContainSubstring("name: reports"))
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
