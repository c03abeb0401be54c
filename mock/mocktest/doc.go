// Package mocktest starts a fake S3 for one test in one line:
//
//	fake := mocktest.Start(t, mocktest.Bucket("reports"))
//	// fake.URL() is the endpoint; fake.Server is the *mock.Server (Journal, State, ...)
//
// Start takes a TB (the part of testing.TB it uses), so it works in plain go test and
// in Ginkgo through GinkgoT(). It serves the fake on an httptest server bound to
// 127.0.0.1, with a scenario engine as its hook, and registers cleanup: the engine
// closes (releasing every request a fault holds) before the server does.
//
// Options seed buckets and configurations, attach a scenario, choose the caller's
// account, keep full exchanges, or load a replay bundle, one line each. The
// aws-sdk-go-v2 client wired to a Fake lives in package mock/s3client, so that this
// package, like mock, does not depend on the AWS SDK.
package mocktest
