package mock_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// fixedNow is the clock of every spec: Date headers and creation dates are stable.
var fixedNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// startFake serves a fresh fake on a loopback socket for one spec.
func startFake(opts ...mock.Option) (*mock.Server, *httptest.Server) {
	srv := mock.New(append([]mock.Option{mock.WithClock(func() time.Time { return fixedNow })}, opts...)...)
	ts := httptest.NewServer(srv)
	DeferCleanup(ts.Close)
	return srv, ts
}

// sdkClient is a real aws-sdk-go-v2 S3 client pointed at ts, built without reading the
// caller's AWS_* environment, with retries off so that every error is seen once.
func sdkClient(ts *httptest.Server) *s3.Client {
	return s3client.New(ts.URL, s3client.Credentials("AKIDEXAMPLE", "secret"),
		s3client.Retryer(aws.NopRetryer{}), s3client.HTTPClient(ts.Client()))
}

// rawResponse is an answer read in full.
type rawResponse struct {
	Status int
	Header http.Header
	Body   []byte
}

// do sends a raw HTTP request to ts and reads the whole answer.
func do(ts *httptest.Server, method, target string, body []byte, header ...string) rawResponse {
	GinkgoHelper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+target, rd)
	Expect(err).NotTo(HaveOccurred())
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return rawResponse{resp.StatusCode, resp.Header, b}
}

// errorBody is the exact <Error> document S3 sends for the given answer's request ids.
func errorBody(r rawResponse, declaration bool, code, message string, extra ...string) string {
	s := ""
	if declaration {
		s = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	}
	s += "<Error><Code>" + code + "</Code><Message>" + message + "</Message>"
	for i := 0; i+1 < len(extra); i += 2 {
		s += "<" + extra[i] + ">" + extra[i+1] + "</" + extra[i] + ">"
	}
	return s + "<RequestId>" + r.Header.Get("x-amz-request-id") + "</RequestId><HostId>" +
		r.Header.Get("x-amz-id-2") + "</HostId></Error>"
}

// sampleConfiguration is a complete configuration for the SDK.
func sampleConfiguration(id string) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id:        aws.String(id),
		IsEnabled: aws.Bool(true),
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Format: types.InventoryFormatCsv,
			Bucket: aws.String("arn:aws:s3:::dest"),
		}},
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
	}
}

func putConfiguration(c *s3.Client, bucket, id string) error {
	_, err := c.PutBucketInventoryConfiguration(context.Background(), &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String(bucket), Id: aws.String(id), InventoryConfiguration: sampleConfiguration(id),
	})
	return err
}

// minimalDocument is a valid body for id with only the required elements.
func minimalDocument(id string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily` +
		`</Frequency></Schedule><IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`)
}
