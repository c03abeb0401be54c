package mocktest_test

import (
	"context"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/s3client"
	"github.com/s3invmock/s3invmock/mock/s3matchers"
	"github.com/s3invmock/s3invmock/scenarios"
)

const dailyXML = `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::reports</Bucket></S3BucketDestination></Destination><IsEnabled>true</IsEnabled><Id>daily</Id><IncludedObjectVersions>Current</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`

// recordingTB stands in for a test to watch what Start registers and reports.
type recordingTB struct {
	cleanups []func()
	fatal    string
}

func (r *recordingTB) Helper()          {}
func (r *recordingTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recordingTB) Fatalf(f string, args ...any) {
	r.fatal = f
	if len(args) > 0 {
		r.fatal = strings.TrimSpace(strings.ReplaceAll(f, "%v", "")) + " " + args[0].(error).Error()
	}
	panic(r)
}

func (r *recordingTB) cleanup() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

var _ = Describe("Start", func() {
	ctx := context.Background()

	It("serves the fake on 127.0.0.1 with the buckets and configurations asked for", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports", dailyXML))
		Expect(fake.URL()).To(HavePrefix("http://127.0.0.1:"))
		out, err := client.ListBucketInventoryConfigurations(ctx,
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.InventoryConfigurationList).To(HaveLen(1))
		Expect(*out.InventoryConfigurationList[0].Id).To(Equal("daily"))
	})

	It("closes the server when the test's cleanup runs", func() {
		tb := &recordingTB{}
		fake := mocktest.Start(tb)
		resp, err := http.Get(fake.URL() + "/")
		Expect(err).NotTo(HaveOccurred())
		resp.Body.Close()
		Expect(tb.cleanups).To(HaveLen(1))
		tb.cleanup()
		_, err = http.Get(fake.URL() + "/")
		Expect(err).To(MatchError(ContainSubstring("connection refused")))
	})

	It("fails the test at once on a setup that cannot hold, naming the S3 error", func() {
		tb := &recordingTB{}
		Expect(func() { mocktest.Start(tb, mocktest.Bucket("Not_A_Bucket")) }).To(Panic())
		Expect(tb.fatal).To(ContainSubstring("InvalidBucketName"))
		Expect(tb.cleanups).To(BeEmpty())
	})

	It("puts a scenario in force from the first request", func() {
		sc := scenarios.New().Rule("deny").On(mock.GetBucketInventoryConfiguration).Fail(mock.AccessDenied).MustBuild()
		_, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports", dailyXML), mocktest.Scenario(sc))
		_, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("daily")})
		Expect(err).To(s3matchers.HaveS3Error("AccessDenied"))
	})

	It("makes the client act as the account chosen, which owns the buckets created", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.Account("111122223333"), mocktest.Bucket("reports"))
		_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fake.Journal()).To(ConsistOf(HaveField("Account", "111122223333")))
		Expect(fake.Buckets()).To(ConsistOf(HaveField("Owner", "111122223333")))
	})

	It("limits the chosen account to the actions given", func() {
		_, client := s3client.Start(GinkgoT(), mocktest.Account("111122223333", "s3:GetInventoryConfiguration"),
			mocktest.Bucket("reports"))
		_, err := client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("daily")})
		Expect(err).To(s3matchers.HaveS3Error("AccessDenied"))
		_, err = client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("daily")})
		Expect(err).To(s3matchers.HaveS3Error("NoSuchConfiguration"))
	})

	It("loads a whole seed", func() {
		st, err := mock.ParseState([]byte("buckets:\n  - name: logs\n    inventory: []\n"))
		Expect(err).NotTo(HaveOccurred())
		fake := mocktest.Start(GinkgoT(), mocktest.Seed(st), mocktest.Bucket("reports"))
		Expect(fake.Buckets()).To(HaveExactElements(HaveField("Name", "logs"), HaveField("Name", "reports")))
	})

	It("keeps full exchanges when asked", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.Capture(), mocktest.Bucket("reports"))
		_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fake.Journal()).To(ConsistOf(HaveField("Exchange.Status", 200)))
	})

	It("passes options through to mock.New", func() {
		fake := mocktest.Start(GinkgoT(), mocktest.With(mock.WithRegion("eu-west-1")), mocktest.Bucket("reports"))
		Expect(fake.Buckets()).To(ConsistOf(HaveField("Region", "eu-west-1")))
	})
})
