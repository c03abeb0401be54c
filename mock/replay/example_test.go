package replay_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// Record what a client sees, ship it as one file, replay it against a fresh fake.
func ExampleBegin() {
	t := new(mocktest.ExampleTB)
	defer t.Close()
	head := func(client *s3.Client, bucket string) error {
		_, err := client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(bucket)})
		return err
	}

	fake, client := s3client.Start(t, mocktest.Bucket("reports"))
	rec := replay.Begin(fake.Server)
	_ = head(client, "reports")
	_ = head(client, "missing")
	b, err := rec.Bundle()
	if err != nil {
		panic(err)
	}
	file, err := b.YAML() // the bug report
	if err != nil {
		panic(err)
	}

	loaded, err := replay.Parse(file)
	if err != nil {
		panic(err)
	}
	fresh, client := s3client.Start(t, mocktest.Replay(loaded))
	fmt.Println(head(client, "reports") == nil, head(client, "missing") != nil)
	fmt.Println(fresh.Journal()[1].FiredRules)
	// Output:
	// true true
	// [002 HEAD HeadBucket]
}
