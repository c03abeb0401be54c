package identity_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// chunkFramer writes an aws-chunked body as AWS's sigv4-streaming page describes it,
// signing each chunk with handSignature (not with the code under test): the string to
// sign is AWS4-HMAC-SHA256-PAYLOAD, the date, the scope, the previous signature (the
// request's own for the first chunk), the hash of no bytes and the chunk's hash.
type chunkFramer struct {
	previous string
	signed   bool
}

const (
	scope20261125 = "20261125/us-east-1/s3/aws4_request"
	amzDateNow    = "20261125T120000Z"
)

func (f *chunkFramer) chunk(data string) string {
	if !f.signed {
		return fmt.Sprintf("%x\r\n%s\r\n", len(data), data)
	}
	toSign := "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDateNow + "\n" + scope20261125 + "\n" + f.previous + "\n" +
		sha256Hex(nil) + "\n" + sha256Hex([]byte(data))
	f.previous = handSignature(owner.SecretAccessKey, "20261125", "us-east-1", toSign)
	return fmt.Sprintf("%x;chunk-signature=%s\r\n%s\r\n", len(data), f.previous, data)
}

// last is the zero-length chunk's line; the closing empty line or trailers follow.
func (f *chunkFramer) last() string { return strings.TrimSuffix(f.chunk(""), "\r\n") }

// trailer signs trailer lines ("name:value") chained from the last chunk.
func (f *chunkFramer) trailer(lines ...string) string {
	var canonical strings.Builder
	for _, l := range lines {
		canonical.WriteString(l + "\n")
	}
	toSign := "AWS4-HMAC-SHA256-TRAILER\n" + amzDateNow + "\n" + scope20261125 + "\n" + f.previous + "\n" +
		sha256Hex([]byte(canonical.String()))
	sig := handSignature(owner.SecretAccessKey, "20261125", "us-east-1", toSign)
	return strings.Join(lines, "\r\n") + "\r\nx-amz-trailer-signature:" + sig + "\r\n"
}

// streamingRequest is a Put signed by the Go SDK's signer with payloadHash as the
// payload hash and decodedLength as x-amz-decoded-content-length, with a framer
// seeded by its signature.
func streamingRequest(payloadHash string, decodedLength int) (*http.Request, *chunkFramer) {
	GinkgoHelper()
	req, err := http.NewRequest(http.MethodPut, "http://127.0.0.1/b?id=report1&inventory=", nil)
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(decodedLength))
	if strings.Contains(payloadHash, "TRAILER") {
		req.Header.Set("X-Amz-Trailer", "x-amz-checksum-crc32")
	}
	Expect(s3Signer(nil).SignHTTP(ctx(), owner, req, payloadHash, "s3", "us-east-1", now)).To(Succeed())
	return req, &chunkFramer{previous: signatureOf(req), signed: payloadHash != "STREAMING-UNSIGNED-PAYLOAD-TRAILER"}
}

var _ = Describe("VerifyPayload", func() {
	const signedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	first, second := inventoryBody[:100], inventoryBody[100:]
	verify := func(req *http.Request, body string) ([]byte, *identity.Failure) {
		return identity.VerifyPayload(req, identity.ParseQuery(req.URL.RawQuery), []byte(body), ownerDirectory().Secret, now)
	}
	expectIncomplete := func(f *identity.Failure) {
		GinkgoHelper()
		Expect(f).NotTo(BeNil())
		Expect(f.Code).To(Equal("IncompleteBody"))
		Expect(statusOf(f)).To(Equal(http.StatusBadRequest))
	}

	When("the body is STREAMING-AWS4-HMAC-SHA256-PAYLOAD", func() {
		It("passes a correctly chunk-signed body and returns the chunks' data concatenated", func() {
			req, fr := streamingRequest(signedPayload, len(inventoryBody))
			payload, f := verify(req, fr.chunk(first)+fr.chunk(second)+fr.last()+"\r\n")
			Expect(f).To(BeNil())
			Expect(string(payload)).To(Equal(inventoryBody))
		})

		It("answers 403 SignatureDoesNotMatch for a tampered chunk, with the chunk's string to sign", func() {
			req, fr := streamingRequest(signedPayload, len(inventoryBody))
			tampered := strings.Replace(fr.chunk(first), "Destination", "Destinatiox", 1)
			_, f := verify(req, tampered+fr.chunk(second)+fr.last()+"\r\n")
			Expect(f).NotTo(BeNil())
			Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
			Expect(statusOf(f)).To(Equal(http.StatusForbidden))
			Expect(memberNames(f)).To(Equal([]string{"AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes"}))
			Expect(member(f, "StringToSign")).To(Equal("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDateNow + "\n" + scope20261125 + "\n" +
				signatureOf(req) + "\n" + sha256Hex(nil) + "\n" + sha256Hex([]byte(strings.Replace(first, "Destination", "Destinatiox", 1)))))
		})

		It("answers 403 SignatureDoesNotMatch for chunks sent in another order", func() {
			req, fr := streamingRequest(signedPayload, len(inventoryBody))
			a, b := fr.chunk(first), fr.chunk(second)
			_, f := verify(req, b+a+fr.last()+"\r\n")
			Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
		})

		It("answers 403 SignatureDoesNotMatch for a chunk without its signature", func() {
			req, _ := streamingRequest(signedPayload, len(first))
			_, f := verify(req, fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(first), first))
			Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
		})

		It("answers 400 IncompleteBody with both lengths for a wrong x-amz-decoded-content-length", func() {
			req, fr := streamingRequest(signedPayload, len(inventoryBody)+1)
			_, f := verify(req, fr.chunk(first)+fr.chunk(second)+fr.last()+"\r\n")
			expectIncomplete(f)
			Expect(f.Message).To(BeEmpty(), "the error table's message applies")
			Expect(f.Extra).To(Equal([]identity.Member{
				{Name: "NumberBytesExpected", Value: strconv.Itoa(len(inventoryBody) + 1)},
				{Name: "NumberBytesProvided", Value: strconv.Itoa(len(inventoryBody))},
			}))
		})

		DescribeTable("answers 400 IncompleteBody \"The request body terminated unexpectedly\" for a broken frame",
			func(cut func(body string) string) {
				req, fr := streamingRequest(signedPayload, len(inventoryBody))
				_, f := verify(req, cut(fr.chunk(first)+fr.chunk(second)+fr.last()+"\r\n"))
				expectIncomplete(f)
				Expect(f.Message).To(Equal("The request body terminated unexpectedly"))
			},
			Entry("cut inside a chunk's data", func(b string) string { return b[:150] }),
			Entry("cut before the final chunk", func(b string) string { return b[:strings.LastIndex(b, "0;chunk-signature=")] }),
			Entry("cut before the closing empty line", func(b string) string { return b[:len(b)-2] }),
			Entry("bytes after the closing empty line", func(b string) string { return b + "x" }),
			Entry("a size that is not hex", func(b string) string { return "zz" + b[strings.Index(b, ";"):] }),
		)

		It("answers 400 IncompleteBody for an empty body", func() {
			req, _ := streamingRequest(signedPayload, 0)
			_, f := verify(req, "")
			expectIncomplete(f)
		})
	})

	When("the body is STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", func() {
		const trailerPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"

		It("passes chunks and a trailer signed along the chain", func() {
			req, fr := streamingRequest(trailerPayload, len(inventoryBody))
			body := fr.chunk(inventoryBody) + fr.last()
			body += fr.trailer("x-amz-checksum-crc32:AAAAAA==") + "\r\n"
			payload, f := verify(req, body)
			Expect(f).To(BeNil())
			Expect(string(payload)).To(Equal(inventoryBody))
		})

		It("answers 403 SignatureDoesNotMatch for a changed trailer", func() {
			req, fr := streamingRequest(trailerPayload, len(inventoryBody))
			body := fr.chunk(inventoryBody) + fr.last()
			body += strings.Replace(fr.trailer("x-amz-checksum-crc32:AAAAAA=="), "AAAAAA==", "BBBBBB==", 1) + "\r\n"
			_, f := verify(req, body)
			Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
			Expect(member(f, "StringToSign")).To(HavePrefix("AWS4-HMAC-SHA256-TRAILER\n"))
		})
	})

	When("the body is STREAMING-UNSIGNED-PAYLOAD-TRAILER", func() {
		It("passes unsigned chunks and returns their data", func() {
			req, fr := streamingRequest("STREAMING-UNSIGNED-PAYLOAD-TRAILER", len(inventoryBody))
			body := fr.chunk(first) + fr.chunk(second) + "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"
			payload, f := verify(req, body)
			Expect(f).To(BeNil())
			Expect(payload).To(Equal([]byte(inventoryBody)))
		})
	})

	DescribeTable("answers 501 NotImplemented naming x-amz-content-sha256 for the SigV4a streaming forms",
		func(payloadHash string) {
			req, _ := streamingRequest(payloadHash, 0)
			_, f := verify(req, "0\r\n\r\n")
			Expect(f).To(Equal(&identity.Failure{Code: "NotImplemented",
				Extra: []identity.Member{{Name: "Header", Value: "x-amz-content-sha256"}}}))
		},
		Entry("ECDSA", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"),
		Entry("ECDSA with a trailer", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"),
	)

	It("answers 400 InvalidArgument for a STREAMING-* word S3 does not list", func() {
		req, _ := streamingRequest("STREAMING-UNSIGNED-PAYLOAD", 0)
		_, f := verify(req, "0\r\n\r\n")
		Expect(f.Code).To(Equal("InvalidArgument"))
		Expect(member(f, "ArgumentValue")).To(Equal("STREAMING-UNSIGNED-PAYLOAD"))
	})

	It("returns the body itself under a hex payload hash", func() {
		req, err := http.NewRequest(http.MethodPut, "http://127.0.0.1/b?id=report1&inventory=", bytes.NewReader([]byte(inventoryBody)))
		Expect(err).NotTo(HaveOccurred())
		sign(req, []byte(inventoryBody))
		payload, f := verify(req, inventoryBody)
		Expect(f).To(BeNil())
		Expect(string(payload)).To(Equal(inventoryBody))
	})
})
