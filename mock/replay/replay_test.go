package replay_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/mock/s3client"
	"github.com/s3invmock/s3invmock/mock/s3matchers"
	"github.com/s3invmock/s3invmock/scenarios"
)

var ctx = context.Background()

func config(id string) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id: aws.String(id), IsEnabled: aws.Bool(true),
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::reports"), Format: types.InventoryFormatCsv,
		}},
	}
}

// session is the client code under test: it creates, writes, reads, lists and
// deletes, and ignores the errors it meets (the journal keeps them).
func session(client *s3.Client) {
	_, _ = client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("fresh")})
	for _, id := range []string{"daily", "weekly", "zz-last"} {
		_, _ = client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("fresh"), Id: aws.String(id), InventoryConfiguration: config(id)})
	}
	_, _ = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("fresh"), Id: aws.String("daily")})
	var token *string
	for {
		out, err := client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
			Bucket: aws.String("fresh"), ContinuationToken: token})
		if err != nil || out.NextContinuationToken == nil {
			break
		}
		token = out.NextContinuationToken
	}
	_, _ = client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
		Bucket: aws.String("fresh"), Id: aws.String("daily")})
	_, _ = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("fresh"), Id: aws.String("daily")})
	_, _ = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("seeded")})
	_, _ = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("missing")})
}

// answers are what a journal says came back: status and body bytes, in order.
func answers(entries []mock.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		Expect(e.Exchange).NotTo(BeNil())
		out[i] = fmt.Sprintf("%s %s -> %d %s", e.Exchange.Method, e.Exchange.URL, e.Status, e.Exchange.ResponseBody)
	}
	return out
}

// recordSession runs the session against a fake with one seeded bucket, a scenario
// that pages List by two and throttles the first Put once, and exports it.
func recordSession() (*replay.Bundle, []mock.Entry) {
	sc := scenarios.New().
		Rule("pages").On(mock.ListBucketInventoryConfigurations).Page(2, mock.TrapNone).
		Rule("throttle").On(mock.PutBucketInventoryConfiguration).Times(1).Fail(mock.SlowDown).
		MustBuild()
	fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("seeded"), mocktest.Scenario(sc))
	rec := replay.Begin(fake.Server)
	session(client)
	b, err := rec.Bundle()
	Expect(err).NotTo(HaveOccurred())
	return b, fake.Journal()
}

var _ = Describe("a bundle", func() {
	It("answers a client repeating the recorded requests with the same statuses and bytes", func() {
		b, recorded := recordSession()
		Expect(b.Scenario.Rules).To(HaveLen(len(recorded)))
		Expect(b.Seed.Buckets).To(ConsistOf(HaveField("Name", "seeded")))

		for _, format := range []string{"yaml", "json"} {
			By("going through " + format)
			var data []byte
			var err error
			if format == "yaml" {
				data, err = b.YAML()
			} else {
				data, err = b.JSON()
			}
			Expect(err).NotTo(HaveOccurred())
			loaded, err := replay.Parse(data)
			Expect(err).NotTo(HaveOccurred())

			fake, client := s3client.Start(GinkgoT(), mocktest.Replay(loaded), mocktest.Capture())
			session(client)
			Expect(answers(fake.Journal())).To(Equal(answers(recorded)))
			Expect(fake.Engine().Status().State).To(Equal(replay.EndState))
		}
	})

	It("answers without a Content-Type where the recorded answer had none", func() {
		daily := `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::reports</Bucket></S3BucketDestination></Destination><IsEnabled>true</IsEnabled><Id>daily</Id><IncludedObjectVersions>Current</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`
		get := func(url string) (http.Header, string) {
			resp, err := http.Get(url + "/reports?inventory&id=daily")
			Expect(err).NotTo(HaveOccurred())
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			Expect(err).NotTo(HaveOccurred())
			return resp.Header, string(body)
		}
		recorded := mocktest.Start(GinkgoT(), mocktest.Bucket("reports", daily))
		rec := replay.Begin(recorded.Server)
		header, body := get(recorded.URL())
		Expect(header).NotTo(HaveKey("Content-Type"))
		b, err := rec.Bundle()
		Expect(err).NotTo(HaveOccurred())

		fresh := mocktest.Start(GinkgoT(), mocktest.Replay(b))
		header, replayed := get(fresh.URL())
		Expect(replayed).To(Equal(body))
		Expect(fresh.Journal()).To(ConsistOf(HaveField("FiredRules", ConsistOf("001 GET GetBucketInventoryConfiguration"))))
		Expect(header).NotTo(HaveKey("Content-Type"))
	})

	It("lets requests off the recorded path reach the fake, which starts from the seed", func() {
		b, _ := recordSession()
		fake, client := s3client.Start(GinkgoT(), mocktest.Replay(b))
		_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("seeded")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fake.Journal()).To(ConsistOf(HaveField("FiredRules", BeEmpty())))
	})

	It("is read as YAML or JSON by its content, whatever the file is called", func() {
		b, _ := recordSession()
		dir := GinkgoT().TempDir()
		yml, err := b.YAML()
		Expect(err).NotTo(HaveOccurred())
		js, err := b.JSON()
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "bug.json"), yml, 0o600)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(dir, "bug.yaml"), js, 0o600)).To(Succeed())
		fromYAML, err := replay.Load(filepath.Join(dir, "bug.json"))
		Expect(err).NotTo(HaveOccurred())
		fromJSON, err := replay.Load(filepath.Join(dir, "bug.yaml"))
		Expect(err).NotTo(HaveOccurred())
		Expect(fromYAML.Scenario).To(Equal(fromJSON.Scenario), "the same scenario either way")
		Expect(fromYAML.Seed.Buckets).To(HaveExactElements(And(
			HaveField("Name", "seeded"), HaveField("Created", Equal(fromJSON.Seed.Buckets[0].Created)))))
	})

	It("is installed into a running server in one step, journal emptied", func() {
		b, _ := recordSession()
		fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("other"))
		_, _ = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("other")})
		Expect(b.Install(fake.Server, fake.Engine())).To(Succeed())
		Expect(fake.Journal()).To(BeEmpty())
		Expect(fake.Buckets()).To(ConsistOf(HaveField("Name", "seeded")))
		_, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("fresh")})
		Expect(err).NotTo(HaveOccurred())
		_, err = client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("fresh"), Id: aws.String("daily"), InventoryConfiguration: config("daily")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fake).To(s3matchers.HaveOneCallRetried(mock.PutBucketInventoryConfiguration, 1))
	})
})

var _ = Describe("Export", func() {
	It("needs full exchanges, and says how to get them", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports"))
		_, _ = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		_, err := replay.Export(fake.Journal(), nil)
		var missing *replay.NoExchangeError
		Expect(err).To(BeAssignableToTypeOf(missing))
		Expect(err).To(MatchError(ContainSubstring("switch capture on")))
	})

	It("infers the seed from the answers when the starting state is unknown", func() {
		daily := `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::reports</Bucket></S3BucketDestination></Destination><IsEnabled>true</IsEnabled><Id>daily</Id><IncludedObjectVersions>Current</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`
		fake, client := s3client.Start(GinkgoT(), mocktest.Capture(),
			mocktest.Bucket("listed", daily), mocktest.Bucket("got", daily), mocktest.Bucket("changed", daily))
		_, _ = client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("listed")})
		_, _ = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("got"), Id: aws.String("daily")})
		_, _ = client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String("changed"), Id: aws.String("daily")})
		_, _ = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("missing")})
		_, _ = client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("created")})

		b, err := replay.Export(fake.Journal(), nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.Seed.Buckets).To(HaveExactElements(
			And(HaveField("Name", "listed"), HaveField("Inventory", HaveLen(1))),
			And(HaveField("Name", "got"), HaveField("Inventory", HaveLen(1))),
			And(HaveField("Name", "changed"), HaveField("Inventory", BeEmpty())),
		))
		fresh := mocktest.Start(GinkgoT(), mocktest.Seed(b.Seed))
		Expect(fresh.Configurations("got")).To(ConsistOf(HaveField("ID", "daily")))
	})
})

var _ = Describe("Parse", func() {
	It("keeps the lines of the bundle in the seed's and the scenario's errors", func() {
		_, err := replay.Parse([]byte("seed:\n  buckets:\n    - name: ok\n      inventory: []\nscenario:\n  rules:\n    - name: one\n      action:\n        error: NoSuchThing\n"))
		Expect(err).To(MatchError(And(HavePrefix("scenario: "), ContainSubstring("line 9"))))
		_, err = replay.Parse([]byte("{\"scenario\": {\"rules\": []},\n \"seed\": {\"buckets\": [\n  {\"name\": \"ok\", \"colour\": \"red\"}]}}"))
		Expect(err).To(MatchError(And(HavePrefix("seed: "), ContainSubstring("line 3"))))
	})

	It("refuses keys a bundle does not have, and an empty document", func() {
		_, err := replay.Parse([]byte("seed: null\nscenery: {}\n"))
		Expect(err).To(MatchError(ContainSubstring(`unknown key "scenery"`)))
		_, err = replay.Parse([]byte("  \n"))
		Expect(err).To(MatchError(ContainSubstring("empty bundle")))
	})
})
