package mock_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// The accounts of the identity specs: an owner account with a full key and a reader
// key, and a second account with a key of its own.
const (
	ownerAccount = "111122223333"
	otherAccount = "444455556666"
)

var (
	ownerKey  = aws.Credentials{AccessKeyID: "AKIAOWNER0000000001", SecretAccessKey: "owner-secret"}
	readerKey = aws.Credentials{AccessKeyID: "AKIAREADER000000001", SecretAccessKey: "reader-secret"}
	otherKey  = aws.Credentials{AccessKeyID: "AKIAOTHER0000000001", SecretAccessKey: "other-secret"}
	// strangerKey is in no directory.
	strangerKey = aws.Credentials{AccessKeyID: "AKIASTRANGER0000001", SecretAccessKey: "stranger-secret"}
)

// identityAccounts is the seed's accounts list of issue 5, plus a second account.
func identityAccounts() []identity.Account {
	return []identity.Account{
		{ID: ownerAccount, Keys: []identity.Key{
			{AccessKeyID: ownerKey.AccessKeyID, SecretAccessKey: ownerKey.SecretAccessKey, Actions: []string{"s3:*"}},
			{AccessKeyID: readerKey.AccessKeyID, SecretAccessKey: readerKey.SecretAccessKey,
				Actions: []string{mock.ActionGetInventoryConfiguration, mock.ActionListAllMyBuckets}},
		}},
		{ID: otherAccount, Keys: []identity.Key{
			{AccessKeyID: otherKey.AccessKeyID, SecretAccessKey: otherKey.SecretAccessKey},
		}},
	}
}

func identityDirectory() *identity.Directory {
	GinkgoHelper()
	dir, err := identity.NewDirectory(identityAccounts())
	Expect(err).NotTo(HaveOccurred())
	return dir
}

// signingAt is aws-sdk-go-v2's own v4 signer with the signing time pinned, so that
// a spec's requests carry fixedNow (or any chosen time) instead of the wall clock. It
// logs each canonical request and string to sign it computes.
type signingAt struct {
	at     time.Time
	signer *v4.Signer
	log    *signingLog
}

func newSigningAt(at time.Time) signingAt {
	log := &signingLog{}
	return signingAt{at: at, log: log, signer: v4.NewSigner(func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = true // as the S3 client configures its signer
	})}
}

// SignHTTP satisfies s3.HTTPSignerV4.
func (s signingAt) SignHTTP(ctx context.Context, cr aws.Credentials, r *http.Request, payloadHash, service, region string,
	_ time.Time, optFns ...func(*v4.SignerOptions)) error {
	return s.signer.SignHTTP(ctx, cr, r, payloadHash, service, region, s.at, append(optFns, s.logTo)...)
}

// PresignHTTP satisfies s3.HTTPPresignerV4.
func (s signingAt) PresignHTTP(ctx context.Context, cr aws.Credentials, r *http.Request, payloadHash, service, region string,
	_ time.Time, optFns ...func(*v4.SignerOptions)) (string, http.Header, error) {
	return s.signer.PresignHTTP(ctx, cr, r, payloadHash, service, region, s.at, append(optFns, s.logTo)...)
}

// logTo comes after the client's own signer options, which set the logger too.
func (s signingAt) logTo(o *v4.SignerOptions) { o.Logger, o.LogSigning = s.log, true }

// signingLog keeps what the SDK's signer logged.
type signingLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *signingLog) Logf(_ logging.Classification, format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, v...))
}

// last returns the canonical request and string to sign of the newest signature.
func (l *signingLog) last() (canonical, toSign string) {
	GinkgoHelper()
	l.mu.Lock()
	defer l.mu.Unlock()
	Expect(l.lines).NotTo(BeEmpty(), "the signer logged nothing")
	msg := l.lines[len(l.lines)-1]
	_, rest, _ := strings.Cut(msg, "---[ CANONICAL STRING  ]-----------------------------\n")
	canonical, rest, _ = strings.Cut(rest, "\n---[ STRING TO SIGN ]--------------------------------\n")
	toSign, _, _ = strings.Cut(rest, "\n-----------------------------------------------------")
	return canonical, toSign
}

// sdkClientAs is a real S3 client that signs as cr at the given time. Anonymous
// credentials (aws.AnonymousCredentials{}) send unsigned requests.
func sdkClientAs(ts *httptest.Server, cr aws.CredentialsProvider, signer signingAt) *s3.Client {
	return s3client.New(ts.URL, s3client.Retryer(aws.NopRetryer{}), s3client.HTTPClient(ts.Client()),
		s3client.Configure(func(o *s3.Options) { o.Credentials, o.HTTPSignerV4 = cr, signer }))
}

// static is a credentials provider for one key.
func static(cr aws.Credentials) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(cr.AccessKeyID, cr.SecretAccessKey, "")
}

// signedRequest builds a raw request to ts and signs it in its Authorization header
// with the SDK's signer, as cr at the given time. The payload hash is the body's.
func signedRequest(ts *httptest.Server, method, target string, body []byte, cr aws.Credentials, at time.Time) *http.Request {
	GinkgoHelper()
	req := rawRequest(ts, method, target, body)
	hash := sha256Hex(body)
	req.Header.Set("X-Amz-Content-Sha256", hash)
	Expect(newSigningAt(at).SignHTTP(context.Background(), cr, req, hash, "s3", "us-east-1", at)).To(Succeed())
	return req
}

// presignedURL presigns a request to ts with the SDK's signer, valid for expires.
func presignedURL(ts *httptest.Server, method, target string, cr aws.Credentials, at time.Time, expires time.Duration) string {
	GinkgoHelper()
	req := rawRequest(ts, method, target, nil)
	req.URL.RawQuery += fmt.Sprintf("&X-Amz-Expires=%d", int(expires.Seconds()))
	u, _, err := newSigningAt(at).PresignHTTP(context.Background(), cr, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", at)
	Expect(err).NotTo(HaveOccurred())
	return u
}

func rawRequest(ts *httptest.Server, method, target string, body []byte) *http.Request {
	GinkgoHelper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+target, rd)
	Expect(err).NotTo(HaveOccurred())
	return req
}

// send sends req as it is and reads the whole answer.
func send(ts *httptest.Server, req *http.Request) rawResponse {
	GinkgoHelper()
	resp, err := ts.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return rawResponse{resp.StatusCode, resp.Header, b}
}

// snapshotOf is the server's whole state as YAML, to prove a refusal changed nothing.
func snapshotOf(srv *mock.Server) string {
	GinkgoHelper()
	y, err := srv.State().YAML()
	Expect(err).NotTo(HaveOccurred())
	return string(y)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
