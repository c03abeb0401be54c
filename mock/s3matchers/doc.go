// Package s3matchers holds Gomega matchers for tests against the fake S3.
//
//	Expect(err).To(s3matchers.HaveS3Error("AccessDenied"))
//	Expect(fake).To(s3matchers.HaveReceived(mock.PutBucketInventoryConfiguration).ForBucket("reports").Times(1))
//	Expect(fake).To(s3matchers.HaveOneCallRetried(mock.PutBucketInventoryConfiguration, 2))
//
// HaveS3Error reads an SDK error (smithy.APIError) or a raw *http.Response; its
// failure message shows the code, message, status and request id that came back.
// The journal matchers take a *mock.Server, a *mocktest.Fake (anything with a
// Journal() []mock.Entry method) or a []mock.Entry, so they also work with
// Eventually; their failure message lists every request the fake received.
package s3matchers
