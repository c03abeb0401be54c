package scenarios_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// fake is a mock S3 with a scenario engine as its hook, served on loopback.
type fake struct {
	srv    *mock.Server
	ts     *httptest.Server
	engine *scenarios.Engine
}

// startFake serves a fresh fake running sc (nil: none) with the buckets given. The
// engine closes before the server so that no hung request can hold shutdown up.
func startFake(sc *scenarios.Scenario, buckets ...string) *fake {
	GinkgoHelper()
	e := engineFor(sc)
	srv := mock.New(mock.WithHook(e))
	for _, b := range buckets {
		Expect(srv.AddBucket(b)).To(Succeed())
	}
	ts := httptest.NewServer(srv)
	DeferCleanup(ts.Close)
	DeferCleanup(e.Close)
	return &fake{srv: srv, ts: ts, engine: e}
}

// noBackoff retries at once: specs prove which errors are retried, not how long
// the SDK waits between attempts.
func noBackoff(o *retry.StandardOptions) {
	o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
	o.RateLimiter = ratelimit.None
}

// client is a real aws-sdk-go-v2 S3 client for f, with the SDK's standard retryer
// (3 attempts) unless a retryer is given.
func (f *fake) client(retryer ...aws.Retryer) *s3.Client {
	return f.clientWith(f.ts.Client(), retryer...)
}

func (f *fake) clientWith(hc *http.Client, retryer ...aws.Retryer) *s3.Client {
	var r aws.Retryer = retry.NewStandard(noBackoff)
	if len(retryer) > 0 {
		r = retryer[0]
	}
	return s3.New(s3.Options{
		BaseEndpoint: aws.String(f.ts.URL),
		UsePathStyle: true,
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer:      r,
		HTTPClient:   hc,
	})
}

// config is a valid inventory configuration with the given id.
func config(id string) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id:                     aws.String(id),
		IsEnabled:              aws.Bool(true),
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::reports"),
			Format: types.InventoryFormatCsv,
		}},
	}
}

// putConfig is PutBucketInventoryConfiguration of config(id) into bucket.
func putConfig(c *s3.Client, bucket, id string) error {
	_, err := c.PutBucketInventoryConfiguration(context.Background(), &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String(bucket), Id: aws.String(id), InventoryConfiguration: config(id),
	})
	return err
}

// getConfig is GetBucketInventoryConfiguration.
func getConfig(ctx context.Context, c *s3.Client, bucket, id string) error {
	_, err := c.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String(bucket), Id: aws.String(id),
	})
	return err
}

// load parses a scenario document written in a spec.
func load(doc string) *scenarios.Scenario {
	GinkgoHelper()
	sc, err := scenarios.Parse(bytes.TrimSpace([]byte(doc)))
	Expect(err).NotTo(HaveOccurred())
	return sc
}

// attempts returns the journal entries of operation op.
func (f *fake) attempts(op mock.Operation) []mock.Entry {
	var out []mock.Entry
	for _, e := range f.srv.Journal() {
		if e.Operation == op {
			out = append(out, e)
		}
	}
	return out
}
