package identity_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// The worked examples of the S3 API reference ("Signature Calculations for the
// Authorization Header" and "Authenticating Requests: Using Query Parameters"): their
// requests, keys, clock and signatures, byte for byte, are an oracle that owes nothing
// to any SDK.
var _ = Describe("Verify against the S3 documentation's worked examples", func() {
	const (
		emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		scope    = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"
	)
	var v *verifier
	BeforeEach(func() {
		v = newVerifier(time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), func(key string) (string, bool) {
			return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", key == "AKIAIOSFODNN7EXAMPLE"
		})
	})

	It("accepts GET Object with a signed Range header", func() {
		Expect(v.Raw(
			"GET /test.txt HTTP/1.1",
			"Host: examplebucket.s3.amazonaws.com",
			"Authorization: AWS4-HMAC-SHA256 Credential="+scope+",SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
			"Range: bytes=0-9",
			"x-amz-content-sha256: "+emptySHA,
			"x-amz-date: 20130524T000000Z",
			"", "")).To(BeNil())
	})

	It("accepts GET Bucket lifecycle: a selector sent without = canonicalises to lifecycle=", func() {
		Expect(v.Raw(
			"GET /?lifecycle HTTP/1.1",
			"Host: examplebucket.s3.amazonaws.com",
			"x-amz-date: 20130524T000000Z",
			"x-amz-content-sha256: "+emptySHA,
			"Authorization: AWS4-HMAC-SHA256 Credential="+scope+",SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
			"", "")).To(BeNil())
	})

	It("accepts GET Bucket (List Objects) with its query sorted by the verifier", func() {
		Expect(v.Raw(
			"GET /?max-keys=2&prefix=J HTTP/1.1",
			"Host: examplebucket.s3.amazonaws.com",
			"x-amz-date: 20130524T000000Z",
			"x-amz-content-sha256: "+emptySHA,
			"Authorization: AWS4-HMAC-SHA256 Credential="+scope+",SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
			"", "")).To(BeNil())
	})

	It("accepts PUT Object with an escaped $ in the path and a signed Date header", func() {
		body := "Welcome to Amazon S3."
		Expect(v.Raw(
			"PUT /test%24file.text HTTP/1.1",
			"Host: examplebucket.s3.amazonaws.com",
			"Date: Fri, 24 May 2013 00:00:00 GMT",
			"x-amz-date: 20130524T000000Z",
			"x-amz-storage-class: REDUCED_REDUNDANCY",
			"x-amz-content-sha256: 44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
			"Content-Length: 21",
			"Authorization: AWS4-HMAC-SHA256 Credential="+scope+",SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
			"", body)).To(BeNil())
	})

	It("accepts the presigned GET Object URL", func() {
		Expect(v.Raw(
			"GET /test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404 HTTP/1.1",
			"Host: examplebucket.s3.amazonaws.com",
			"", "")).To(BeNil())
	})

	It("refuses the same PUT with the path sent unescaped, since S3 signs the path as sent", func() {
		f := v.Raw(
			"PUT /test$file.text HTTP/1.1",
			"Host: examplebucket.s3.amazonaws.com",
			"Date: Fri, 24 May 2013 00:00:00 GMT",
			"x-amz-date: 20130524T000000Z",
			"x-amz-storage-class: REDUCED_REDUNDANCY",
			"x-amz-content-sha256: 44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
			"Content-Length: 21",
			"Authorization: AWS4-HMAC-SHA256 Credential="+scope+",SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
			"", "Welcome to Amazon S3.")
		Expect(f.Code).To(Equal("SignatureDoesNotMatch"))
		Expect(member(f, "CanonicalRequest")).To(HavePrefix("PUT\n/test$file.text\n"))
	})
})

var _ = Describe("Verify's SignatureDoesNotMatch members", func() {
	It("carry the canonical request and string to sign of the published algorithm, recomputed here by hand", func() {
		v := newVerifier(now, ownerDirectory().Secret)
		req := newRequest(v, http.MethodGet, "/b?inventory&id=report1", nil)
		req.Host = "s3.amazonaws.com"
		wrong := owner
		wrong.SecretAccessKey = "wrong-secret"
		signAt(req, nil, wrong, "us-east-1", now)
		req.URL.RawQuery = "inventory&id=report1"
		req.Header.Set("X-Amz-Content-Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

		const canonical = "GET\n" +
			"/b\n" +
			"id=report1&inventory=\n" +
			"host:s3.amazonaws.com\n" +
			"x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" +
			"x-amz-date:20261125T120000Z\n" +
			"\n" +
			"host;x-amz-content-sha256;x-amz-date\n" +
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		sum := sha256.Sum256([]byte(canonical))
		toSign := "AWS4-HMAC-SHA256\n20261125T120000Z\n20261125/us-east-1/s3/aws4_request\n" + hex.EncodeToString(sum[:])

		f := v.Do(req)
		Expect(f).NotTo(BeNil())
		Expect(f.Extra).To(Equal([]identity.Member{
			{Name: "AWSAccessKeyId", Value: "AKIAOWNER0000000001"},
			{Name: "StringToSign", Value: toSign},
			{Name: "SignatureProvided", Value: handSignature("wrong-secret", "20261125", "us-east-1", toSign)},
			{Name: "StringToSignBytes", Value: spacedHex(toSign)},
			{Name: "CanonicalRequest", Value: canonical},
			{Name: "CanonicalRequestBytes", Value: spacedHex(canonical)},
		}))
	})
})

// handSignature is the SigV4 key derivation and signature written out once more,
// so that the spec above does not trust the signer for the value it checks.
func handSignature(secret, date, region, toSign string) string {
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	key := mac([]byte("AWS4"+secret), date)
	key = mac(key, region)
	key = mac(key, "s3")
	key = mac(key, "aws4_request")
	return hex.EncodeToString(mac(key, toSign))
}
