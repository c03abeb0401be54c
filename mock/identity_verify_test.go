package mock_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// withQuery adds query parameters to a request before it is signed.
func withQuery(pairs ...string) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Build.Add(middleware.BuildMiddlewareFunc("AddQuery", func(ctx context.Context, in middleware.BuildInput,
			next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
			req := in.Request.(*smithyhttp.Request)
			q := req.URL.Query()
			for i := 0; i+1 < len(pairs); i += 2 {
				q.Set(pairs[i], pairs[i+1])
			}
			req.URL.RawQuery = q.Encode()
			return next.HandleBuild(ctx, in)
		}), middleware.After)
	}
}

// lastAnswer reads the extra members of the newest journal entry's <Error> answer.
func lastAnswer(srv *mock.Server) string {
	GinkgoHelper()
	j := srv.Journal()
	Expect(j).NotTo(BeEmpty())
	x := j[len(j)-1].Exchange
	Expect(x).NotTo(BeNil(), "capture is off")
	return string(x.ResponseBody)
}

// member is the text of <name> in an answer, XML escapes undone.
func member(body, name string) string {
	GinkgoHelper()
	_, rest, ok := strings.Cut(body, "<"+name+">")
	Expect(ok).To(BeTrue(), "no <%s> in %s", name, body)
	v, _, _ := strings.Cut(rest, "</"+name+">")
	return strings.NewReplacer("&#xA;", "\n", "&#10;", "\n", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(v)
}

// verifyFake serves a fake that requires signatures, knows identityAccounts and whose
// clock reads clock; bucket reports of ownerAccount holds configuration report1.
func verifyFake(clock time.Time) (*mock.Server, *httptest.Server) {
	GinkgoHelper()
	srv, ts := startFake(mock.WithAuth(identity.ModeVerify), mock.WithDirectory(identityDirectory()),
		mock.WithCapture(true), mock.WithClock(func() time.Time { return clock }))
	Expect(srv.AddBucket("reports", mock.OwnedBy(ownerAccount))).To(Succeed())
	Expect(srv.PutConfiguration("reports", mustConfiguration("report1"))).To(Succeed())
	return srv, ts
}

func mustConfiguration(id string) *inventory.Configuration {
	GinkgoHelper()
	c, e := inventory.Decode(minimalDocument(id), id)
	Expect(e).To(BeNil())
	return c
}

var _ = Describe("verify mode through aws-sdk-go-v2", func() {
	var (
		srv    *mock.Server
		ts     *httptest.Server
		signer signingAt
		ctx    = context.Background()
	)
	BeforeEach(func() {
		srv, ts = verifyFake(fixedNow)
		signer = newSigningAt(fixedNow)
	})

	It("accepts every operation the SDK signs in its Authorization header", func() {
		owner := sdkClientAs(ts, static(ownerKey), signer)
		Expect(createBucket(owner, "more")).To(Succeed())
		for _, call := range []inventoryCall{putCall, getCall, listCall, deleteCall} {
			Expect(call(owner, "reports")).To(Succeed())
		}
		Expect(bucketNames(owner)).To(Equal([]string{"more", "reports"}))
		_, err := owner.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("more")})
		Expect(err).NotTo(HaveOccurred())
		_, err = owner.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("more")})
		Expect(err).NotTo(HaveOccurred())
		Expect(srv.Journal()).To(HaveEach(HaveField("ErrorCode", mock.ErrorCode(""))))
	})

	It("accepts requests presigned by s3.NewPresignClient, and refuses them once expired", func() {
		presign := s3.NewPresignClient(sdkClientAs(ts, static(ownerKey), signer), func(o *s3.PresignOptions) {
			o.Presigner, o.Expires = signer, time.Minute
		})
		head, err := presign.PresignHeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		// The presign client has no inventory operations: presign a GetObject and add the
		// selector before signing, which S3 answers as the bucket's Get (fixtures/FACTS.md section 1).
		get, err := presign.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("reports"), Key: aws.String("any")},
			s3.WithPresignClientFromClientOptions(s3.WithAPIOptions(withQuery("inventory", "", "id", "report1"))))
		Expect(err).NotTo(HaveOccurred())
		Expect(get.URL).To(ContainSubstring("X-Amz-Signature="))
		Expect(get.URL).To(ContainSubstring("id=report1"))

		r := send(ts, rawRequest(ts, head.Method, head.URL[len(ts.URL):], nil))
		Expect(r.Status).To(Equal(http.StatusOK))
		r = send(ts, rawRequest(ts, get.Method, get.URL[len(ts.URL):], nil))
		Expect(r.Status).To(Equal(http.StatusOK), "body: %s", r.Body)
		Expect(string(r.Body)).To(ContainSubstring("<Id>report1</Id>"))

		_, late := verifyFake(fixedNow.Add(61 * time.Second))
		r = send(late, rawRequest(late, get.Method, get.URL[len(ts.URL):], nil))
		Expect(r.Status).To(Equal(http.StatusForbidden))
		Expect(string(r.Body)).To(Equal(errorBody(r, true, "AccessDenied", "Request has expired",
			"X-Amz-Expires", "60", "Expires", "2026-11-25T12:01:00Z", "ServerTime", "2026-11-25T12:01:01Z")))
		r = send(late, rawRequest(late, head.Method, head.URL[len(ts.URL):], nil))
		Expect(r.Status).To(Equal(http.StatusForbidden))
		Expect(r.Body).To(BeEmpty())
	})

	It("accepts a PUT signed over UNSIGNED-PAYLOAD, in any region", func() {
		req := rawRequest(ts, http.MethodPut, "/reports?inventory&id=report7", minimalDocument("report7"))
		req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		Expect(newSigningAt(fixedNow).SignHTTP(ctx, ownerKey, req, "UNSIGNED-PAYLOAD", "s3", "eu-central-2", fixedNow)).To(Succeed())
		r := send(ts, req)
		Expect(r.Status).To(Equal(http.StatusNoContent), "body: %s", r.Body)
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(cs).To(HaveLen(2))
	})

	Describe("refusals, each before the operation runs and changing nothing", func() {
		var before string
		BeforeEach(func() { before = snapshotOf(srv) })
		AfterEach(func() { Expect(snapshotOf(srv)).To(Equal(before)) })

		It("refuses an unsigned request: AccessDenied", func() {
			err := putCall(sdkClientAs(ts, aws.AnonymousCredentials{}, signer), "reports")
			expectRefused(err, mock.AccessDenied)
			Expect(apiError(err).ErrorMessage()).To(Equal("Access Denied"))
		})

		It("refuses a key it does not know: InvalidAccessKeyId naming the key", func() {
			expectRefused(putCall(sdkClientAs(ts, static(strangerKey), signer), "reports"), mock.InvalidAccessKeyID)
			Expect(member(lastAnswer(srv), "AWSAccessKeyId")).To(Equal(strangerKey.AccessKeyID))
		})

		It("refuses a wrong secret: SignatureDoesNotMatch with the texts the SDK signed", func() {
			forged := aws.Credentials{AccessKeyID: ownerKey.AccessKeyID, SecretAccessKey: "guessed"}
			expectRefused(putCall(sdkClientAs(ts, static(forged), signer), "reports"), mock.SignatureDoesNotMatch)
			canonical, toSign := signer.log.last()
			body := lastAnswer(srv)
			Expect(member(body, "AWSAccessKeyId")).To(Equal(ownerKey.AccessKeyID))
			Expect(member(body, "CanonicalRequest")).To(Equal(canonical))
			Expect(member(body, "StringToSign")).To(Equal(toSign))
			Expect(member(body, "StringToSignBytes")).To(HavePrefix("41 57 53 34 2d 48 4d 41 43")) // AWS4-HMAC
			Expect(member(body, "CanonicalRequestBytes")).To(HavePrefix("50 55 54 0a"))            // PUT\n
			Expect(member(body, "SignatureProvided")).To(MatchRegexp(`^[0-9a-f]{64}$`))
		})

		It("refuses a request signed 20 minutes before the server's clock: RequestTimeTooSkewed", func() {
			srv, ts = verifyFake(fixedNow.Add(20 * time.Minute))
			before = snapshotOf(srv)
			err := putCall(sdkClientAs(ts, static(ownerKey), signer), "reports")
			expectRefused(err, mock.RequestTimeTooSkewed)
			Expect(apiError(err).ErrorMessage()).To(Equal("The difference between the request time and the current time is too large."))
			body := lastAnswer(srv)
			Expect(member(body, "RequestTime")).To(Equal("20261125T120000Z"))
			Expect(member(body, "ServerTime")).To(Equal("2026-11-25T12:20:00Z"))
			Expect(member(body, "MaxAllowedSkewMilliseconds")).To(Equal("900000"))
		})

		It("refuses a body changed after signing: XAmzContentSHA256Mismatch", func() {
			req := signedRequest(ts, http.MethodPut, "/reports?inventory&id=report9", minimalDocument("report9"), ownerKey, fixedNow)
			req.Body = io.NopCloser(strings.NewReader(string(minimalDocument("report8"))))
			r := send(ts, req)
			Expect(r.Status).To(Equal(http.StatusBadRequest))
			Expect(string(r.Body)).To(ContainSubstring("<Code>XAmzContentSHA256Mismatch</Code>"))
		})

		DescribeTable("checks who signed, and when, before the body",
			func(cr func() (string, string), at time.Duration, header []string, want mock.ErrorCode) {
				key, secret := cr()
				req := signedRequest(ts, http.MethodPut, "/reports?inventory&id=report9", minimalDocument("report9"),
					aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}, fixedNow.Add(at))
				req.Body = io.NopCloser(strings.NewReader(string(minimalDocument("report8"))))
				for i := 0; i+1 < len(header); i += 2 {
					req.Header.Set(header[i], header[i+1])
				}
				r := send(ts, req)
				Expect(string(r.Body)).To(ContainSubstring("<Code>" + string(want) + "</Code>"))
			},
			Entry("an unknown key with a changed body", func() (string, string) { return strangerKey.AccessKeyID, "x" },
				time.Duration(0), nil, mock.InvalidAccessKeyID),
			Entry("a stale time with a changed body", func() (string, string) { return ownerKey.AccessKeyID, ownerKey.SecretAccessKey },
				-20*time.Minute, nil, mock.RequestTimeTooSkewed),
			Entry("a wrong secret with a changed body", func() (string, string) { return ownerKey.AccessKeyID, "x" },
				time.Duration(0), nil, mock.SignatureDoesNotMatch),
			Entry("a wrong secret with a bad Content-MD5", func() (string, string) { return ownerKey.AccessKeyID, "x" },
				time.Duration(0), []string{"Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA=="}, mock.SignatureDoesNotMatch),
			Entry("a good signature, then the body's checks", func() (string, string) { return ownerKey.AccessKeyID, ownerKey.SecretAccessKey },
				time.Duration(0), []string{"Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA=="}, mock.BadDigest),
		)

		It("refuses a presigned URL whose query was changed: SignatureDoesNotMatch", func() {
			u := presignedURL(ts, http.MethodDelete, "/reports?inventory&id=report1", ownerKey, fixedNow, time.Hour)
			u = strings.Replace(u, "id=report1", "id=report2", 1)
			r := send(ts, rawRequest(ts, http.MethodDelete, u[len(ts.URL):], nil))
			Expect(r.Status).To(Equal(http.StatusForbidden))
			Expect(string(r.Body)).To(ContainSubstring("<Code>SignatureDoesNotMatch</Code>"))
		})

		It("still applies the key's actions and account: AccessDenied", func() {
			expectRefused(putCall(sdkClientAs(ts, static(readerKey), signer), "reports"), mock.AccessDenied)
			expectRefused(deleteCall(sdkClientAs(ts, static(readerKey), signer), "reports"), mock.AccessDenied)
			expectRefused(putCall(sdkClientAs(ts, static(otherKey), signer), "reports"), mock.AccessDenied)
			Expect(getCall(sdkClientAs(ts, static(readerKey), signer), "reports")).To(Succeed())
		})
	})
})
