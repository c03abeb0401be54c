package s3client_test

import (
	"context"
	"os"

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

// setenv sets an environment variable for one spec. The suite's specs run in one
// process each under ginkgo -p, so this cannot leak into a parallel spec.
func setenv(name, value string) {
	old, had := os.LookupEnv(name)
	Expect(os.Setenv(name, value)).To(Succeed())
	DeferCleanup(func() {
		if had {
			_ = os.Setenv(name, old)
		} else {
			_ = os.Unsetenv(name)
		}
	})
}

var _ = Describe("New", func() {
	ctx := context.Background()

	It("talks path-style to the fake and signs with the Fake's credentials", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports"))
		_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fake.Journal()).To(ConsistOf(And(
			HaveField("Path", "/reports"),
			HaveField("AccessKey", mocktest.DefaultAccessKeyID),
		)))
	})

	When("the caller's environment points elsewhere", func() {
		BeforeEach(func() {
			setenv("AWS_CA_BUNDLE", "/nonexistent/ca.pem")
			setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
			setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1")
			setenv("AWS_ACCESS_KEY_ID", "AKIAFROMTHEENVIRONMENT")
			setenv("AWS_SECRET_ACCESS_KEY", "from-the-environment")
			setenv("AWS_REGION", "ap-south-1")
			setenv("AWS_S3_USE_ARN_REGION", "true")
			setenv("HTTP_PROXY", "http://127.0.0.1:1")
			setenv("http_proxy", "http://127.0.0.1:1")
		})

		It("ignores it", func() {
			fake, client := s3client.Start(GinkgoT(), mocktest.Bucket("reports"))
			_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
			Expect(err).NotTo(HaveOccurred())
			Expect(fake.Journal()).To(ConsistOf(HaveField("AccessKey", mocktest.DefaultAccessKeyID)))
		})
	})

	Describe("retries", func() {
		var fake *mocktest.Fake

		BeforeEach(func() {
			sc := scenarios.New().Rule("slow").On(mock.HeadBucket).Fail(mock.SlowDown).MustBuild()
			fake = mocktest.Start(GinkgoT(), mocktest.Bucket("reports"), mocktest.Scenario(sc))
		})

		head := func(client *s3.Client) error {
			_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
			return err
		}

		It("makes the SDK's default number of attempts without waiting", func() {
			Expect(head(s3client.For(fake))).To(HaveOccurred())
			Expect(fake).To(s3matchers.HaveOneCallRetried(mock.HeadBucket, s3client.DefaultMaxAttempts-1))
		})

		It("makes as many attempts as asked", func() {
			Expect(head(s3client.For(fake, s3client.MaxAttempts(5)))).To(HaveOccurred())
			Expect(fake).To(s3matchers.HaveOneCallRetried(mock.HeadBucket, 4))
		})

		It("takes any retryer", func() {
			Expect(head(s3client.For(fake, s3client.Retryer(aws.NopRetryer{})))).To(HaveOccurred())
			Expect(fake).To(s3matchers.HaveOneCallRetried(mock.HeadBucket, 0))
		})
	})

	It("signs with the credentials and region given", func() {
		fake := mocktest.Start(GinkgoT(), mocktest.Bucket("reports"))
		client := s3client.New(fake.URL(), s3client.Credentials("AKIAOTHER", "secret"), s3client.Region("eu-west-1"))
		_, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fake.Journal()).To(ConsistOf(HaveField("AccessKey", "AKIAOTHER")))
	})
})
