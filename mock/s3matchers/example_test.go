package s3matchers_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/s3client"
	"github.com/s3invmock/s3invmock/mock/s3matchers"
	"github.com/s3invmock/s3invmock/scenarios"
)

// In a Ginkgo spec these are Expect(err).To(...) and Expect(fake).To(...); outside
// Ginkgo, gomega.NewWithT(t) gives the same Expect.
func Example() {
	t := new(mocktest.ExampleTB)
	defer t.Close()
	slow := scenarios.New().Rule("slow").On(mock.GetBucketInventoryConfiguration).Times(1).Fail(mock.SlowDown).MustBuild()
	fake, client := s3client.Start(t, mocktest.Bucket("reports"), mocktest.Scenario(slow))

	_, err := client.GetBucketInventoryConfiguration(context.Background(), &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("reports"), Id: aws.String("daily")})

	g := gomega.NewGomega(func(message string, _ ...int) { fmt.Println(message) })
	g.Expect(err).To(s3matchers.HaveS3Error("NoSuchConfiguration"))
	g.Expect(fake).To(s3matchers.HaveReceived(mock.GetBucketInventoryConfiguration).ForBucket("reports").Times(2))
	g.Expect(fake).To(s3matchers.HaveOneCallRetried(mock.GetBucketInventoryConfiguration, 1))
	fmt.Println("all three hold")
	// Output: all three hold
}

// A failing journal matcher lists what the fake received.
func ExampleHaveReceived() {
	t := new(mocktest.ExampleTB)
	defer t.Close()
	fake, client := s3client.Start(t, mocktest.Bucket("reports"))
	_, _ = client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("reports")})

	m := s3matchers.HaveReceived(mock.PutBucketInventoryConfiguration).ForBucket("reports").Times(1)
	ok, _ := m.Match(fake)
	fmt.Println(ok)
	lines := strings.Split(m.FailureMessage(fake), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[1])
	fmt.Println(lines[2][:44])
	// Output:
	// false
	// Expected the fake to have received PutBucketInventoryConfiguration for bucket "reports" exactly 1 time, but it received it 0 times.
	// The fake received 1 request(s):
	//   #1 HEAD /reports HeadBucket bucket=reports
}
