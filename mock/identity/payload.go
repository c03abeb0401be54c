package identity

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
)

// unsignedPayload stands for "not hashed": S3 accepts it in place of the body's
// SHA-256, and the signature then covers the word itself. The STREAMING-* words
// (chunked.go) say the body is aws-chunked instead.
const unsignedPayload = "UNSIGNED-PAYLOAD"

// CheckContentSHA256 compares a hex x-amz-content-sha256 header with the SHA-256 of
// body and returns XAmzContentSHA256Mismatch when they differ. Any other value, or no
// header, passes: it is the body check S3 applies whether or not the request is
// signed, so the fake can run it with auth off (Verify runs it itself).
func CheckContentSHA256(h http.Header, body []byte) *Failure {
	v := FirstValue(h, "X-Amz-Content-Sha256")
	if !isHexDigest(v) {
		return nil
	}
	return checkBody(v, body)
}

// checkPayloadForm refuses a payload hash that is neither a hex SHA-256,
// UNSIGNED-PAYLOAD nor one of the STREAMING-* words S3 lists in msgBadContentSHA256.
// The SigV4a (ECDSA) streaming forms are refused with NotImplemented naming the header
// (C): the fake cannot check their chunk signatures, and passing them would store a
// body nobody authenticated.
func checkPayloadForm(v string) *Failure {
	switch {
	case v == streamingECDSA || v == streamingECDSATrailer:
		return fail(codeNotImplemented, "", Member{"Header", "x-amz-content-sha256"})
	case isHexDigest(v) || v == unsignedPayload || isStreaming(v):
		return nil
	}
	return fail(codeInvalidArgument, msgBadContentSHA256,
		Member{Name: "ArgumentName", Value: "x-amz-content-sha256"}, Member{Name: "ArgumentValue", Value: v})
}

// checkBody compares a hex payload hash with the body; other forms always pass.
func checkBody(payloadHash string, body []byte) *Failure {
	if !isHexDigest(payloadHash) {
		return nil
	}
	sum := sha256.Sum256(body)
	computed := hex.EncodeToString(sum[:])
	if strings.EqualFold(payloadHash, computed) {
		return nil
	}
	return fail(codeXAmzContentSHA256Mismatch, "",
		Member{Name: "ClientComputedContentSHA256", Value: payloadHash},
		Member{Name: "S3ComputedContentSHA256", Value: computed},
	)
}

func isHexDigest(v string) bool {
	if len(v) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(v)
	return err == nil
}
