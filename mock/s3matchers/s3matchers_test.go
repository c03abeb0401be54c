package s3matchers_test

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/s3client"
	. "github.com/s3invmock/s3invmock/mock/s3matchers"
	"github.com/s3invmock/s3invmock/scenarios"
)

var ctx = context.Background()

var _ = Describe("HaveS3Error", func() {
	var (
		fake   *mocktest.Fake
		client *s3.Client
	)

	BeforeEach(func() {
		fake, client = s3client.Start(GinkgoT(), mocktest.Bucket("reports"))
	})

	getDaily := func() error {
		_, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("daily")})
		return err
	}

	It("matches the code of an SDK error", func() {
		Expect(getDaily()).To(HaveS3Error("NoSuchConfiguration"))
		Expect(getDaily()).NotTo(HaveS3Error("AccessDenied"))
	})

	It("shows code, message, status and request id when it fails", func() {
		err := getDaily()
		m := HaveS3Error("AccessDenied")
		Expect(m.Match(err)).To(BeFalse())
		id := fake.Journal()[0].RequestID
		Expect(m.FailureMessage(err)).To(And(
			ContainSubstring(`Expected the S3 error AccessDenied`),
			ContainSubstring(`code "NoSuchConfiguration"`),
			ContainSubstring(`message "The specified configuration does not exist."`),
			ContainSubstring("status 404"),
			ContainSubstring("request id "+id),
		))
	})

	It("says so when there was no error, or no S3 error", func() {
		m := HaveS3Error("AccessDenied")
		Expect(m.Match(nil)).To(BeFalse())
		Expect(m.FailureMessage(nil)).To(ContainSubstring("got no error"))
		Expect(m.Match(errors.New("dial tcp: refused"))).To(BeFalse())
		Expect(m.FailureMessage(nil)).To(ContainSubstring("no S3 error: dial tcp: refused"))
	})

	It("reads a raw response and leaves its body readable", func() {
		resp, err := http.Get(fake.URL() + "/reports?inventory&id=daily")
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp).To(HaveS3Error("NoSuchConfiguration"))
		body, err := io.ReadAll(resp.Body)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(body)).To(ContainSubstring("<Code>NoSuchConfiguration</Code>"))
	})

	It("gives a bodiless answer the code the SDKs give it", func() {
		resp, err := http.Head(fake.URL() + "/missing")
		Expect(err).NotTo(HaveOccurred())
		resp.Body.Close()
		Expect(resp).To(HaveS3Error("NotFound"))
		_, err = client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("missing")})
		Expect(err).To(HaveS3Error("NotFound"))
	})

	It("does not match a success", func() {
		resp, err := http.Head(fake.URL() + "/reports")
		Expect(err).NotTo(HaveOccurred())
		resp.Body.Close()
		m := HaveS3Error("NotFound")
		Expect(m.Match(resp)).To(BeFalse())
		Expect(m.FailureMessage(resp)).To(ContainSubstring("a 200 answer, no error"))
	})
})

var _ = Describe("HaveReceived", func() {
	var (
		fake   *mocktest.Fake
		client *s3.Client
	)

	BeforeEach(func() {
		fake, client = s3client.Start(GinkgoT(), mocktest.Bucket("reports"), mocktest.Bucket("logs"))
		for _, b := range []string{"reports", "reports", "logs"} {
			_, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
				Bucket: aws.String(b), Id: aws.String("daily")})
			Expect(err).To(HaveS3Error("NoSuchConfiguration"))
		}
	})

	It("counts the requests for an operation, a bucket and an id", func() {
		Expect(fake).To(HaveReceived(mock.GetBucketInventoryConfiguration))
		Expect(fake).To(HaveReceived(mock.GetBucketInventoryConfiguration).Times(3))
		Expect(fake).To(HaveReceived(mock.GetBucketInventoryConfiguration).ForBucket("reports").Times(2))
		Expect(fake).To(HaveReceived(mock.GetBucketInventoryConfiguration).ForBucket("logs").WithID("daily").Times(1))
		Expect(fake.Server).To(HaveReceived(mock.PutBucketInventoryConfiguration).Times(0))
		Expect(fake.Journal()).NotTo(HaveReceived(mock.PutBucketInventoryConfiguration))
	})

	It("waits with Eventually for a request that comes later", func() {
		go func() {
			defer GinkgoRecover()
			_, _ = client.ListBucketInventoryConfigurations(ctx,
				&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs")})
		}()
		Eventually(fake).Should(HaveReceived(mock.ListBucketInventoryConfigurations).ForBucket("logs"))
	})

	It("lists what was received when it fails", func() {
		m := HaveReceived(mock.GetBucketInventoryConfiguration).ForBucket("reports").Times(1)
		Expect(m.Match(fake)).To(BeFalse())
		msg := m.FailureMessage(fake)
		Expect(msg).To(HavePrefix(`Expected the fake to have received GetBucketInventoryConfiguration for bucket "reports" exactly 1 time, but it received it 2 times.`))
		Expect(msg).To(ContainSubstring("The fake received 3 request(s):"))
		Expect(msg).To(MatchRegexp(`#1 GET /reports GetBucketInventoryConfiguration bucket=reports id=daily -> 404 NoSuchConfiguration \(invocation [0-9a-f-]+, attempt 1/3\)`))
	})

	It("refuses a value that keeps no journal", func() {
		_, err := HaveReceived(mock.CreateBucket).Match(42)
		Expect(err).To(MatchError(ContainSubstring("got int")))
	})
})

var _ = Describe("HaveOneCallRetried", func() {
	put := func(client *s3.Client) error {
		_, err := client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("daily")})
		return err
	}

	It("groups attempts by invocation id", func() {
		sc := scenarios.New().Rule("slow").On(mock.DeleteBucketInventoryConfiguration).Times(2).Fail(mock.SlowDown).MustBuild()
		fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports"), mocktest.Scenario(sc))
		Expect(put(client)).To(HaveS3Error("NoSuchConfiguration"))
		Expect(fake).To(HaveOneCallRetried(mock.DeleteBucketInventoryConfiguration, 2))
		Expect(fake).NotTo(HaveOneCallRetried(mock.DeleteBucketInventoryConfiguration, 1))
	})

	It("tells each call's attempts when it fails", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports"))
		Expect(put(client)).To(HaveOccurred())
		Expect(put(client)).To(HaveOccurred())
		m := HaveOneCallRetried(mock.DeleteBucketInventoryConfiguration, 2)
		Expect(m.Match(fake)).To(BeFalse())
		Expect(m.FailureMessage(fake)).To(MatchRegexp(
			`Expected one call of DeleteBucketInventoryConfiguration retried 2 times \(3 attempts\), but got 2 call\(s\) of ` +
				`DeleteBucketInventoryConfiguration: invocation [0-9a-f-]+: 1 attempt\(s\) \(404 NoSuchConfiguration\); invocation`))
	})
})
