package identity_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/logging"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// The fixed clock of the specs and the keys they sign with.
var (
	now   = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	owner = aws.Credentials{AccessKeyID: "AKIAOWNER0000000001", SecretAccessKey: "owner-secret"}
)

func ownerDirectory() *identity.Directory {
	GinkgoHelper()
	dir, err := identity.NewDirectory([]identity.Account{{ID: "111122223333", Keys: []identity.Key{
		{AccessKeyID: owner.AccessKeyID, SecretAccessKey: owner.SecretAccessKey},
	}}})
	Expect(err).NotTo(HaveOccurred())
	return dir
}

// verifier is a real HTTP server whose handler runs identity.Verify and answers with
// the Failure as JSON ("null" when the request verifies). Requests go through a real
// socket, so the verifier sees exactly what a client's transport wrote.
type verifier struct {
	srv *httptest.Server
}

func newVerifier(clock time.Time, secretFor func(string) (string, bool)) *verifier {
	GinkgoHelper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_ = json.NewEncoder(w).Encode(identity.Verify(r, body, secretFor, clock))
	}))
	DeferCleanup(srv.Close)
	return &verifier{srv: srv}
}

// URL is the base URL of the verifier, for requests under test.
func (v *verifier) URL() string { return v.srv.URL }

// Do sends req and returns what Verify said about it.
func (v *verifier) Do(req *http.Request) *identity.Failure {
	GinkgoHelper()
	resp, err := v.srv.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	return decodeFailure(resp)
}

// Raw writes request text byte for byte (CRLFs added) and returns what Verify said.
func (v *verifier) Raw(lines ...string) *identity.Failure {
	GinkgoHelper()
	conn, err := net.Dial("tcp", v.srv.Listener.Addr().String())
	Expect(err).NotTo(HaveOccurred())
	defer conn.Close()
	_, err = io.WriteString(conn, strings.Join(lines, "\r\n"))
	Expect(err).NotTo(HaveOccurred())
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	return decodeFailure(resp)
}

func decodeFailure(resp *http.Response) *identity.Failure {
	GinkgoHelper()
	Expect(resp.StatusCode).To(Equal(http.StatusOK))
	var f *identity.Failure
	Expect(json.NewDecoder(resp.Body).Decode(&f)).To(Succeed())
	return f
}

// newRequest builds a request to the verifier from a path and raw query exactly as a
// client would put them on the wire.
func newRequest(v *verifier, method, pathAndQuery string, body []byte) *http.Request {
	GinkgoHelper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, v.URL()+pathAndQuery, r)
	Expect(err).NotTo(HaveOccurred())
	return req
}

// signed records what the real signer computed, from its own signing log.
type signed struct {
	CanonicalRequest string
	StringToSign     string
}

// s3Signer is aws-sdk-go-v2's SigV4 signer configured as the S3 client configures it
// (no second escaping of the path), logging what it signs into rec.
func s3Signer(rec *signed) *v4.Signer {
	return v4.NewSigner(func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = true
		o.LogSigning = true
		o.Logger = logging.LoggerFunc(func(_ logging.Classification, _ string, v ...any) {
			if rec != nil && len(v) >= 2 {
				rec.CanonicalRequest, _ = v[0].(string)
				rec.StringToSign, _ = v[1].(string)
			}
		})
	})
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// signAt signs req in its Authorization header as the Go SDK does for S3: the
// x-amz-content-sha256 header carries the body's hash and is signed with it.
func signAt(req *http.Request, body []byte, creds aws.Credentials, region string, at time.Time) signed {
	GinkgoHelper()
	hash := sha256Hex(body)
	req.Header.Set("X-Amz-Content-Sha256", hash)
	var rec signed
	Expect(s3Signer(&rec).SignHTTP(context.Background(), creds, req, hash, "s3", region, at)).To(Succeed())
	return rec
}

// sign is signAt with the owner's key, us-east-1 and the fixed clock.
func sign(req *http.Request, body []byte) signed {
	GinkgoHelper()
	return signAt(req, body, owner, "us-east-1", now)
}

// presignAt presigns req for expires seconds and returns a request for the URL, with
// the headers the signer says must accompany it.
func presignAt(req *http.Request, payloadHash string, creds aws.Credentials, at time.Time, expires string) *http.Request {
	GinkgoHelper()
	q := req.URL.Query()
	q.Set("X-Amz-Expires", expires)
	req.URL.RawQuery = q.Encode()
	uri, headers, err := s3Signer(nil).PresignHTTP(context.Background(), creds, req, payloadHash, "s3", "us-east-1", at)
	Expect(err).NotTo(HaveOccurred())
	out, err := http.NewRequest(req.Method, uri, req.Body)
	Expect(err).NotTo(HaveOccurred())
	out.ContentLength = req.ContentLength
	for k, vs := range headers {
		if k != "Host" {
			out.Header[k] = vs
		}
	}
	return out
}

func readCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }

// spacedHex is fmt's own rendering of bytes as spaced lower-case hex, an independent
// check of StringToSignBytes and CanonicalRequestBytes.
func spacedHex(s string) string { return fmt.Sprintf("% x", s) }

// statusOf is the status the error table gives a refusal: identity names the reason,
// and the fake's table (package mock) is the one place statuses live.
func statusOf(f *identity.Failure) int {
	return mock.NewError(mock.ErrorCode(f.Code)).Status
}
