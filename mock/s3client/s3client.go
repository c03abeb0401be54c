// Package s3client builds an aws-sdk-go-v2 *s3.Client wired to a fake S3: base
// endpoint, path-style addressing, static credentials, region us-east-1 and the
// retries the caller asks for. It reads nothing from the environment: no AWS_*
// variable, no AWS_CA_BUNDLE, no shared config file and no HTTP proxy setting can
// change where it goes or how it signs, so a test behaves the same on every machine.
//
//	fake, client := s3client.Start(t, mocktest.Bucket("reports"))
//
// It is its own package so that mock and mock/mocktest do not depend on the AWS SDK.
package s3client

import (
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3invmock/s3invmock/mock/mocktest"
)

// DefaultMaxAttempts is how many attempts a client makes per call unless told
// otherwise: the SDK's own default.
const DefaultMaxAttempts = retry.DefaultMaxAttempts

// Option adjusts the client.
type Option func(*s3.Options)

// MaxAttempts makes the client try each call at most n times (1: no retries), with
// the SDK's standard retry rules but no wait between attempts and no retry quota, so
// that tests stay fast and deterministic. Default: DefaultMaxAttempts, no wait.
func MaxAttempts(n int) Option {
	return func(o *s3.Options) { o.Retryer = noWait(n) }
}

// Retryer sets the SDK retryer as given, waits included (retry.NewStandard(...),
// aws.NopRetryer{}).
func Retryer(r aws.Retryer) Option { return func(o *s3.Options) { o.Retryer = r } }

// Credentials sets the static access key and secret the client signs with
// (default mocktest.DefaultAccessKeyID and DefaultSecretAccessKey, or the Fake's).
func Credentials(accessKeyID, secret string) Option {
	return func(o *s3.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(accessKeyID, secret, "")
	}
}

// Region sets the signing region (default us-east-1).
func Region(region string) Option { return func(o *s3.Options) { o.Region = region } }

// HTTPClient replaces the client's HTTP client (default: a fresh transport that
// ignores proxy settings).
func HTTPClient(hc *http.Client) Option { return func(o *s3.Options) { o.HTTPClient = hc } }

// Configure applies any other change to the s3.Options before the client is built.
func Configure(f func(*s3.Options)) Option { return func(o *s3.Options) { f(o) } }

// New returns a client for the fake S3 at url (http://127.0.0.1:PORT).
func New(url string, opts ...Option) *s3.Client {
	o := s3.Options{
		BaseEndpoint: aws.String(url),
		UsePathStyle: true,
		Region:       "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(
			mocktest.DefaultAccessKeyID, mocktest.DefaultSecretAccessKey, ""),
		Retryer:    noWait(DefaultMaxAttempts),
		HTTPClient: direct(),
	}
	for _, opt := range opts {
		opt(&o)
	}
	return s3.New(o)
}

// For returns a client for f that signs with f's credentials (its Account's key).
func For(f *mocktest.Fake, opts ...Option) *s3.Client {
	return New(f.URL(), append([]Option{Credentials(f.Credentials())}, opts...)...)
}

// Start is the one-line setup: a fake for tb (mocktest.Start with opts) and a client
// for it with the defaults of New.
func Start(tb mocktest.TB, opts ...mocktest.Option) (*mocktest.Fake, *s3.Client) {
	tb.Helper()
	f := mocktest.Start(tb, opts...)
	return f, For(f)
}

// noWait is the SDK's standard retryer without backoff or retry quota.
func noWait(maxAttempts int) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = maxAttempts
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		o.RateLimiter = ratelimit.None
	})
}

// direct is an HTTP client that never goes through a proxy from HTTP_PROXY and friends.
func direct() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     30 * time.Second,
	}}
}
