package mock_test

import (
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// The key the signature goldens name (AWS's documentation example), here a key of
// the default account, so that a correct signature would reach bucket reports.
var (
	exampleKey  = aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	unknownKey  = aws.Credentials{AccessKeyID: "AKIAI44QH8DHBEXAMPLE", SecretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"}
	wrongSecret = aws.Credentials{AccessKeyID: exampleKey.AccessKeyID, SecretAccessKey: "not-the-secret"}
)

// verifyWorld is the goldens' world with signatures required and exampleKey known.
func verifyWorld(clock time.Time) (*mock.Server, *httptest.Server) {
	GinkgoHelper()
	dir, err := identity.NewDirectory([]identity.Account{{ID: mock.DefaultAccount, Keys: []identity.Key{
		{AccessKeyID: exampleKey.AccessKeyID, SecretAccessKey: exampleKey.SecretAccessKey},
	}}})
	Expect(err).NotTo(HaveOccurred())
	return goldenWorld(mock.WithAuth(identity.ModeVerify), mock.WithDirectory(dir),
		mock.WithClock(func() time.Time { return clock }))
}

// withHeaders is an unsigned GET /reports?inventory carrying the given header pairs.
func withHeaders(target string, header ...string) func(*httptest.Server) *http.Request {
	return func(ts *httptest.Server) *http.Request {
		req := rawRequest(ts, http.MethodGet, target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return req
	}
}

// signedThen signs GET /reports?inventory as cr at the given time, then lets tamper
// change the request after signing.
func signedThen(cr aws.Credentials, at time.Time, tamper func(*http.Request)) func(*httptest.Server) *http.Request {
	return func(ts *httptest.Server) *http.Request {
		req := signedRequest(ts, http.MethodGet, "/reports?inventory", nil, cr, at)
		tamper(req)
		return req
	}
}

func untouched(*http.Request) {}

var _ = Describe("verify mode answers the signature goldens byte for byte", func() {
	DescribeTable("a request signed by aws-sdk-go-v2's v4 signer, or tampered, or not signed",
		func(name string, clock time.Time, build func(*httptest.Server) *http.Request) {
			g, err := fixtures.LoadGolden(name)
			Expect(err).NotTo(HaveOccurred())
			srv, ts := verifyWorld(clock)
			before := snapshotOf(srv)
			expectGolden(g, send(ts, build(ts)))
			Expect(snapshotOf(srv)).To(Equal(before), "a refusal changes nothing")
		},
		Entry("a wrong secret", "Any/signature-does-not-match", fixedNow,
			signedThen(wrongSecret, fixedNow, untouched)),
		Entry("another bucket in the path after signing", "Any/signature-does-not-match", fixedNow,
			signedThen(exampleKey, fixedNow, func(r *http.Request) { r.URL.Path = "/empty" })),
		Entry("a query parameter added after signing", "Any/signature-does-not-match", fixedNow,
			signedThen(exampleKey, fixedNow, func(r *http.Request) { r.URL.RawQuery += "&id=report1" })),
		Entry("another method after signing", "Any/signature-does-not-match", fixedNow,
			signedThen(exampleKey, fixedNow, func(r *http.Request) { r.Method = http.MethodDelete })),
		Entry("a signed header changed after signing", "Any/signature-does-not-match", fixedNow,
			signedThen(exampleKey, fixedNow, func(r *http.Request) { r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD") })),
		Entry("an unknown key", "Any/invalid-access-key-id", fixedNow,
			signedThen(unknownKey, fixedNow, untouched)),
		Entry("a request signed 20 minutes ago", "Any/request-time-too-skewed", fixedNow,
			signedThen(exampleKey, fixedNow.Add(-20*time.Minute), untouched)),
		Entry("a server clock 20 minutes ahead", "Any/request-time-too-skewed", fixedNow.Add(20*time.Minute),
			signedThen(exampleKey, fixedNow, untouched)),
		Entry("a request signed 20 minutes in the future", "Any/request-time-too-skewed", fixedNow,
			signedThen(exampleKey, fixedNow.Add(20*time.Minute), untouched)),
		Entry("an Authorization header without SignedHeaders and Signature", "Any/authorization-header-malformed", fixedNow,
			withHeaders("/reports?inventory",
				"Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261125/us-east-1/s3/aws4_request",
				"X-Amz-Date", "20261125T120000Z",
				"X-Amz-Content-Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
		Entry("a presigned URL missing most parameters", "Any/authorization-query-parameters-error", fixedNow,
			withHeaders("/reports?inventory&X-Amz-Algorithm=AWS4-HMAC-SHA256"+
				"&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261125%2Fus-east-1%2Fs3%2Faws4_request")),
		Entry("Signature Version 2", "Any/invalid-request-sigv2", fixedNow,
			withHeaders("/reports?inventory", "Authorization", "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")),
		Entry("a presigned URL past its X-Amz-Expires", "Any/access-denied-expired", fixedNow.Add(2*time.Minute),
			func(ts *httptest.Server) *http.Request {
				return rawRequest(ts, http.MethodGet, presignedURL(ts, http.MethodGet, "/reports?inventory", exampleKey, fixedNow, time.Minute)[len(ts.URL):], nil)
			}),
		Entry("an unsigned request", "Any/access-denied", fixedNow, withHeaders("/reports?inventory")),
	)

	It("accepts the same request untampered", func() {
		_, ts := verifyWorld(fixedNow)
		r := send(ts, signedRequest(ts, http.MethodGet, "/reports?inventory", nil, exampleKey, fixedNow))
		Expect(r.Status).To(Equal(http.StatusOK), "body: %s", r.Body)
	})

	It("has an error table row for every code identity.Verify can answer", func() {
		var missing []string
		for _, code := range identity.Codes() {
			if !mock.Known(mock.ErrorCode(code)) {
				missing = append(missing, code)
			}
		}
		Expect(missing).To(BeEmpty())
		Expect(identity.Codes()).To(ContainElements("AuthorizationHeaderMalformed",
			"AuthorizationQueryParametersError", "InvalidRequest"))
	})
})
