package mock_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// handSigned signs req in its Authorization header with only the headers named in
// signed (lower-case, sorted), SigV4 written out by hand: the SDK's signer always
// signs host, and these specs need a signature that is valid without it.
func handSigned(req *http.Request, cr aws.Credentials, at time.Time, payloadHash string, signed ...string) {
	amzDate := at.UTC().Format("20060102T150405Z")
	req.Header.Set("X-Amz-Date", amzDate)
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	var headers strings.Builder
	for _, name := range signed {
		headers.WriteString(name + ":" + strings.TrimSpace(req.Header.Get(name)) + "\n")
	}
	query := strings.ReplaceAll(req.URL.RawQuery, "inventory&", "inventory=&")
	canonical := strings.Join([]string{req.Method, req.URL.EscapedPath(), query, headers.String(),
		strings.Join(signed, ";"), payloadHash}, "\n")
	scope := at.UTC().Format("20060102") + "/us-east-1/s3/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex([]byte(canonical))
	req.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
		cr.AccessKeyID, scope, strings.Join(signed, ";"), sigV4(cr.SecretAccessKey, at, toSign)))
}

func sigV4(secret string, at time.Time, toSign string) string {
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	key := mac([]byte("AWS4"+secret), at.UTC().Format("20060102"))
	for _, part := range []string{"us-east-1", "s3", "aws4_request"} {
		key = mac(key, part)
	}
	return hex.EncodeToString(mac(key, toSign))
}

// chunked frames data as a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body chained from seed,
// one chunk per element of data, then the zero-length chunk and the empty line.
func chunked(seed string, at time.Time, data ...string) string {
	var b strings.Builder
	previous := seed
	scope := at.UTC().Format("20060102") + "/us-east-1/s3/aws4_request"
	for _, d := range append(data, "") {
		toSign := "AWS4-HMAC-SHA256-PAYLOAD\n" + at.UTC().Format("20060102T150405Z") + "\n" + scope + "\n" +
			previous + "\n" + sha256Hex(nil) + "\n" + sha256Hex([]byte(d))
		previous = sigV4(ownerKey.SecretAccessKey, at, toSign)
		fmt.Fprintf(&b, "%x;chunk-signature=%s\r\n%s\r\n", len(d), previous, d)
	}
	return b.String()
}

// streamingPut is a PutBucketInventoryConfiguration of report9 whose headers the SDK's
// signer signed with STREAMING-AWS4-HMAC-SHA256-PAYLOAD, and the seed signature.
func streamingPut(ts *httptest.Server, decodedLength int) (*http.Request, string) {
	GinkgoHelper()
	req := rawRequest(ts, http.MethodPut, "/reports?id=report9&inventory", nil)
	const streaming = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Content-Sha256", streaming)
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(decodedLength))
	Expect(newSigningAt(fixedNow).SignHTTP(context.Background(), ownerKey, req, streaming, "s3", "us-east-1", fixedNow)).To(Succeed())
	_, seed, _ := strings.Cut(req.Header.Get("Authorization"), "Signature=")
	return req, seed
}

func withBody(req *http.Request, body string) *http.Request {
	req.Body = io.NopCloser(strings.NewReader(body))
	req.ContentLength = int64(len(body))
	return req
}

var _ = Describe("verify mode refuses what S3 refuses", func() {
	var (
		srv *mock.Server
		ts  *httptest.Server
	)
	BeforeEach(func() {
		srv, ts = verifyFake(fixedNow)
		Expect(srv.AddBucket("archive", mock.OwnedBy(ownerAccount))).To(Succeed())
	})

	When("host is not among the signed headers", func() {
		It("answers 403 AccessDenied HeadersNotSigned host, and the replay to another bucket's virtual host writes nothing", func() {
			body := minimalDocument("report9")
			before := snapshotOf(srv)
			var sent *http.Request
			for _, host := range []string{"reports.localhost", "archive.localhost"} {
				req := rawRequest(ts, http.MethodPut, "/?id=report9&inventory", body)
				req.Host = host
				if sent == nil {
					handSigned(req, ownerKey, fixedNow, sha256Hex(body), "x-amz-content-sha256", "x-amz-date")
					sent = req
				} else { // the same signature, replayed
					for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Content-Sha256"} {
						req.Header.Set(h, sent.Header.Get(h))
					}
				}
				r := send(ts, req)
				Expect(r.Status).To(Equal(http.StatusForbidden))
				Expect(string(r.Body)).To(Equal(errorBody(r, true, "AccessDenied",
					"There were headers present in the request which were not signed", "HeadersNotSigned", "host")))
			}
			Expect(snapshotOf(srv)).To(Equal(before))
		})
	})

	When("the body is aws-chunked with chunk signatures", func() {
		doc := string(minimalDocument("report9"))
		first, second := doc[:40], doc[40:]

		It("stores the decoded configuration of a correctly chunk-signed body", func() {
			req, seed := streamingPut(ts, len(doc))
			r := send(ts, withBody(req, chunked(seed, fixedNow, first, second)))
			Expect(r.Status).To(Equal(http.StatusNoContent), string(r.Body))
			out, err := sdkClientAs(ts, static(ownerKey), newSigningAt(fixedNow)).GetBucketInventoryConfiguration(
				context.Background(), &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("reports"), Id: aws.String("report9")})
			Expect(err).NotTo(HaveOccurred())
			Expect(aws.ToString(out.InventoryConfiguration.Id)).To(Equal("report9"))
		})

		DescribeTable("refuses a body that is not the one signed, storing nothing",
			func(decodedLength int, frame func(seed string) string, code, message string, extra ...string) {
				before := snapshotOf(srv)
				req, seed := streamingPut(ts, decodedLength)
				r := send(ts, withBody(req, frame(seed)))
				Expect(r.Status).To(Equal(mock.NewError(mock.ErrorCode(code)).Status))
				if message == "" {
					message = mock.NewError(mock.ErrorCode(code)).Message
				}
				if len(extra) == 0 {
					Expect(string(r.Body)).To(ContainSubstring("<Code>" + code + "</Code><Message>" + message + "</Message>"))
				} else {
					Expect(string(r.Body)).To(Equal(errorBody(r, true, code, message, extra...)))
				}
				Expect(snapshotOf(srv)).To(Equal(before))
				Expect(srv.Journal()[len(srv.Journal())-1].Status).To(Equal(r.Status))
			},
			Entry("a tampered chunk: 403 SignatureDoesNotMatch", len(doc), func(seed string) string {
				return strings.Replace(chunked(seed, fixedNow, first, second), "report9", "report8", 1)
			}, "SignatureDoesNotMatch", ""),
			Entry("reordered chunks: 403 SignatureDoesNotMatch", len(doc), func(seed string) string {
				whole := chunked(seed, fixedNow, first, second)
				i := strings.Index(whole, "\r\n"+fmt.Sprintf("%x", len(second))+";") + 2
				j := strings.Index(whole, "0;chunk-signature=")
				return whole[i:j] + whole[:i] + whole[j:]
			}, "SignatureDoesNotMatch", ""),
			Entry("a wrong x-amz-decoded-content-length: 400 IncompleteBody", len(doc)-1, func(seed string) string {
				return chunked(seed, fixedNow, first, second)
			}, "IncompleteBody", "", "NumberBytesExpected", strconv.Itoa(len(doc)-1), "NumberBytesProvided", strconv.Itoa(len(doc))),
			Entry("a truncated frame: 400 IncompleteBody", len(doc), func(seed string) string {
				whole := chunked(seed, fixedNow, first, second)
				return whole[:strings.Index(whole, "0;chunk-signature=")]
			}, "IncompleteBody", "The request body terminated unexpectedly"),
		)
	})
})

// authFirst: a refused request never reaches the scenario engine.
var _ = Describe("verify mode and scenarios", func() {
	It("fires no rule and moves no rule's count for a request that fails authentication", func() {
		srv, ts := scenarioFake(identity.ModeVerify, `rules:
  - name: slow-once
    match: {operation: GetBucketInventoryConfiguration}
    when: {times: 1}
    action: {error: SlowDown}
`)
		signer := newSigningAt(fixedNow)
		expectRefused(getCall(sdkClientAs(ts, static(strangerKey), signer), "reports"), mock.InvalidAccessKeyID)
		expectRefused(getCall(sdkClientAs(ts, static(ownerKey), signer), "reports"), mock.SlowDown)
		j := srv.Journal()
		Expect(j).To(HaveLen(2))
		Expect(j[0].FiredRules).To(BeEmpty())
		Expect(j[0].Status).To(Equal(http.StatusForbidden))
		Expect(j[1].FiredRules).To(Equal([]string{"slow-once"}))
	})
})
