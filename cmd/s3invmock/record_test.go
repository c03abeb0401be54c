package main_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// bugSession is the client code whose exchanges are recorded and replayed.
func bugSession(client *s3.Client) {
	ctx := context.Background()
	_, _ = client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("reports")})
	_, _ = client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("reports"), Id: aws.String("daily"),
		InventoryConfiguration: &types.InventoryConfiguration{
			Id: aws.String("daily"), IsEnabled: aws.Bool(true),
			IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
			Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
			Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
				Bucket: aws.String("arn:aws:s3:::dest"), Format: types.InventoryFormatCsv}},
		}})
	_, _ = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("reports"), Id: aws.String("daily")})
	_, _ = client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
		Bucket: aws.String("reports")})
	_, _ = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("reports"), Id: aws.String("weekly")})
	_, _ = client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
		Bucket: aws.String("reports"), Id: aws.String("daily")})
}

// answers reads GET /_mock/requests: each entry's status and answer body.
func answers(base string) []string {
	GinkgoHelper()
	status, _, body := send("GET", base+"/_mock/requests", nil)
	Expect(status).To(Equal(200))
	var env struct {
		Data []mock.Entry `json:"data"`
	}
	Expect(json.Unmarshal([]byte(body), &env)).To(Succeed())
	out := make([]string, len(env.Data))
	for i, e := range env.Data {
		Expect(e.Exchange).NotTo(BeNil(), "entry %d kept without its exchange", i)
		out[i] = e.Exchange.Method + " " + e.Exchange.URL + " -> " + strconv.Itoa(e.Status) + " " + string(e.Exchange.ResponseBody)
	}
	return out
}

var _ = Describe("s3invmock record", Label("binary"), func() {
	It("forwards signed requests as sent, and -replay answers them as the upstream did", func() {
		By("an upstream that verifies every signature")
		dir, err := identity.NewDirectory([]identity.Account{{ID: "111122223333",
			Keys: []identity.Key{{AccessKeyID: "AKIARECORDED", SecretAccessKey: "recorded-secret"}}}})
		Expect(err).NotTo(HaveOccurred())
		upstream := mock.New(mock.WithAuth(identity.ModeVerify), mock.WithDirectory(dir))
		ts := httptest.NewServer(upstream)
		DeferCleanup(ts.Close)

		By("recording a client's session through the proxy")
		rec := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_UPSTREAM=" + ts.URL}, "record")
		Eventually(rec.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
		recURL := string(readyLine.FindSubmatch(rec.Out.Contents())[1])
		bugSession(s3client.New(recURL, s3client.Credentials("AKIARECORDED", "recorded-secret")))
		Expect(upstream.Journal()).To(HaveLen(6))
		Expect(upstream.Journal()).To(HaveEach(HaveField("ErrorCode", Not(Equal(mock.SignatureDoesNotMatch)))))
		Expect(upstream.Configurations("reports")).To(BeEmpty(), "the Delete reached the upstream")
		recorded := answers(recURL)
		Expect(recorded[2]).To(ContainSubstring("-> 200 <?xml"))

		By("exporting the bundle, YAML in a file called .json")
		status, _, bundle := send("GET", recURL+"/_mock/requests/export", nil)
		Expect(status).To(Equal(200))
		Expect(bundle).To(ContainSubstring("seed:"))
		file := filepath.Join(GinkgoT().TempDir(), "bug.json")
		Expect(os.WriteFile(file, []byte(bundle), 0o600)).To(Succeed())

		By("replaying it against a fresh sidecar, with no upstream at all")
		_, replayURL := startSidecar("S3INVMOCK_REPLAY="+file, "S3INVMOCK_CAPTURE=true")
		bugSession(s3client.New(replayURL, s3client.Credentials("AKIARECORDED", "recorded-secret")))
		Expect(answers(replayURL)).To(Equal(recorded))
	})

	It("records a client that uses it as its HTTP proxy, signing for the upstream's own name (the real S3 recipe)", func() {
		dir, err := identity.NewDirectory([]identity.Account{{ID: "111122223333",
			Keys: []identity.Key{{AccessKeyID: "AKIARECORDED", SecretAccessKey: "recorded-secret"}}}})
		Expect(err).NotTo(HaveOccurred())
		upstream := mock.New(mock.WithAuth(identity.ModeVerify), mock.WithDirectory(dir))
		Expect(upstream.AddBucket("reports", mock.OwnedBy("111122223333"))).To(Succeed())
		ts := httptest.NewServer(upstream)
		DeferCleanup(ts.Close)
		port := ts.URL[strings.LastIndex(ts.URL, ":"):]

		rec := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_UPSTREAM=" + ts.URL}, "record")
		Eventually(rec.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
		proxy, err := url.Parse(string(readyLine.FindSubmatch(rec.Out.Contents())[1]))
		Expect(err).NotTo(HaveOccurred())
		// s3.example.test resolves nowhere: only the proxy makes it reachable, as
		// s3.us-east-1.amazonaws.com is reached through the recorder in the README.
		client := s3client.New("http://s3.example.test"+port, s3client.Credentials("AKIARECORDED", "recorded-secret"),
			s3client.HTTPClient(&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}))
		_, err = client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred(), "the upstream verified a signature made for s3.example.test")
		Expect(upstream.Journal()).To(ConsistOf(HaveField("Status", 200)))
		Expect(answers(proxy.String())).To(ConsistOf(HavePrefix("HEAD /reports -> 200")))
	})

	It("keeps request bodies up to -record-max-body, and forwards a larger one whole but keeps only its size", func() {
		received := make(chan []byte, 2)
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			received <- b
			w.WriteHeader(204)
		}))
		DeferCleanup(ts.Close)
		rec := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_UPSTREAM=" + ts.URL, "S3INVMOCK_RECORD_MAX_BODY=1KiB"}, "record")
		Eventually(rec.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
		recURL := string(readyLine.FindSubmatch(rec.Out.Contents())[1])

		small, big := []byte(strings.Repeat("s", 1024)), []byte(strings.Repeat("0123456789abcdef", 256))
		status, _, _ := send("PUT", recURL+"/reports?inventory&id=small", small)
		Expect(status).To(Equal(204))
		Expect(received).To(Receive(Equal(small)))
		status, _, _ = send("PUT", recURL+"/reports?inventory&id=big", big)
		Expect(status).To(Equal(204))
		Expect(received).To(Receive(Equal(big)), "the upstream got the whole body")

		status, _, body := send("GET", recURL+"/_mock/requests", nil)
		Expect(status).To(Equal(200))
		var env struct {
			Data []struct {
				Exchange map[string]json.RawMessage `json:"exchange"`
			} `json:"data"`
		}
		Expect(json.Unmarshal([]byte(body), &env)).To(Succeed())
		Expect(env.Data).To(HaveLen(2))
		Expect(string(env.Data[0].Exchange["request_body"])).To(Equal(`"` + base64.StdEncoding.EncodeToString(small) + `"`))
		Expect(env.Data[0].Exchange).NotTo(HaveKey("request_body_elided"))
		Expect(env.Data[1].Exchange).NotTo(HaveKey("request_body"))
		Expect(string(env.Data[1].Exchange["request_body_elided"])).To(Equal("4096"))
	})

	It("answers /_mock/health as serve does, with the request log's drop count", func() {
		s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, "record", "-upstream", "http://127.0.0.1:1")
		Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
		base := string(readyLine.FindSubmatch(s.Out.Contents())[1])
		status, _, body := send("GET", base+"/_mock/health", nil)
		Expect(status).To(Equal(200))
		Expect(body).To(ContainSubstring(`"version":"` + testVersion + `"`))
		Expect(body).To(ContainSubstring(`"request_log_dropped":0}`))
	})

	It("needs an upstream", func() {
		s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, "record")
		Eventually(s).Should(gexec.Exit(2))
		Expect(s.Err).To(gbytes.Say(`record needs S3INVMOCK_UPSTREAM \(-upstream\)`))
	})

	It("refuses an upstream that is no http or https URL", func() {
		s := launch(nil, "record", "-upstream", "s3.amazonaws.com")
		Eventually(s).Should(gexec.Exit(2))
		Expect(s.Err).To(gbytes.Say(`S3INVMOCK_UPSTREAM \(-upstream\) "s3.amazonaws.com": want an http or https URL`))
	})
})

var _ = Describe("s3invmock -replay", Label("binary"), func() {
	It("validate checks bundles as -replay loads them", func() {
		bad := filepath.Join(GinkgoT().TempDir(), "bug.yaml")
		Expect(os.WriteFile(bad, []byte("seed:\n  buckets: []\nscenario:\n  rules:\n    - name: x\n      action: {error: Nope}\n"), 0o600)).To(Succeed())
		s := launch(nil, "validate", "../../fixtures/bundles/slowdown-retry-storm.yaml", bad)
		Eventually(s).Should(gexec.Exit(1))
		Expect(s.Out).To(gbytes.Say(`slowdown-retry-storm.yaml: ok\n`))
		Expect(s.Out).To(gbytes.Say(`bug.yaml:6: rule "x": rules\[0\]\.action\.error: unknown error code "Nope"`))
	})

	It("names the setting, the file and the line of a bad bundle", func() {
		file := filepath.Join(GinkgoT().TempDir(), "bug.yaml")
		Expect(os.WriteFile(file, []byte("scenario:\n  rules:\n    - name: x\n      action: {error: Nope}\n"), 0o600)).To(Succeed())
		s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, "-replay", file)
		Eventually(s).Should(gexec.Exit(2))
		Expect(s.Err).To(gbytes.Say(`S3INVMOCK_REPLAY \(-replay\) .*bug.yaml:4: rule "x": rules\[0\]\.action\.error: unknown error code "Nope"`))
	})
})
