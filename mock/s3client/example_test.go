package s3client_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// The one-line setup: a running fake and an SDK client for it. In a test, pass its
// *testing.T or GinkgoT().
func ExampleStart() {
	t := new(mocktest.ExampleTB)
	defer t.Close()

	fake, client := s3client.Start(t, mocktest.Bucket("reports"))

	out, err := client.ListBucketInventoryConfigurations(context.Background(),
		&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("reports")})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(out.InventoryConfigurationList), fake.Journal()[0].Operation)
	// Output: 0 ListBucketInventoryConfigurations
}

// A client for any fake, such as a sidecar, with the retries a test asks for.
func ExampleNew() {
	t := new(mocktest.ExampleTB)
	defer t.Close()
	fake := mocktest.Start(t)

	client := s3client.New(fake.URL(), s3client.MaxAttempts(1))

	_, err := client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("missing")})
	fmt.Println(err != nil, len(fake.Journal()))
	// Output: true 1
}
