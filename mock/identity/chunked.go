package identity

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
)

// The aws-chunked payload hashes (x-amz-content-sha256) S3 knows: the body is framed in
// chunks, each "hex-size[;chunk-signature=sig]\r\n data \r\n", ending with a zero-length
// chunk, optionally trailer headers, and an empty line.
const (
	// streamingSigned: every chunk carries the signature of its data, chained from the
	// request's own signature (the seed).
	streamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	// streamingSignedTrailer: as streamingSigned, plus trailer headers signed by
	// x-amz-trailer-signature, chained from the last chunk's signature.
	streamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	// streamingUnsignedTrailer: chunks without signatures and unsigned trailers; the
	// one streaming form that is legitimately unsigned.
	streamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	// The SigV4a forms, whose chunks are signed with ECDSA P-256: the fake derives no
	// SigV4a keys, so it refuses them rather than pass bodies it cannot authenticate.
	streamingECDSA        = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"
	streamingECDSATrailer = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"
)

// The words of the chunk and trailer strings to sign (AWS's sigv4-streaming and
// sigv4-streaming-trailers pages) and the frame's own.
const (
	chunkAlgorithm   = "AWS4-HMAC-SHA256-PAYLOAD"
	trailerAlgorithm = "AWS4-HMAC-SHA256-TRAILER"
	chunkSignatureEq = ";chunk-signature="
	trailerSigName   = "x-amz-trailer-signature"
	emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// Messages of the framing refusals. S3 answers IncompleteBody for both (R): a body cut
// short mid-frame gets "The request body terminated unexpectedly" (an AmazonS3 answer
// quoted in aws/aws-sdk-java-v2 issue 2908), and a decoded length other than
// x-amz-decoded-content-length the table's Content-Length wording with
// NumberBytesExpected and NumberBytesProvided (quoted from S3 in versity/versitygw
// issue 1684). A frame that is not aws-chunked at all (a bad size, a missing CRLF
// after the data) gets the first wording too (C: no recording found).
const msgBodyTerminated = "The request body terminated unexpectedly"

// isStreaming reports whether a payload hash is one of the aws-chunked forms.
func isStreaming(payloadHash string) bool {
	switch payloadHash {
	case streamingSigned, streamingSignedTrailer, streamingUnsignedTrailer, streamingECDSA, streamingECDSATrailer:
		return true
	}
	return false
}

// chunkChain is what checking chunk signatures needs: the key material and the
// previous signature, which starts as the request's own (the seed).
type chunkChain struct {
	accessKey string
	secret    string
	scope     scope
	amzDate   string
	previous  string
}

// next signs one more string of the chain and checks it against provided.
func (ch *chunkChain) next(toSign, provided string) *Failure {
	want := signature(ch.secret, ch.scope, toSign)
	if !hmac.Equal([]byte(want), []byte(provided)) {
		// C: S3's members for a chunk signature are unrecorded; these are the ones of a
		// request signature that a chunk has (there is no canonical request).
		return fail(codeSignatureDoesNotMatch, "",
			Member{"AWSAccessKeyId", ch.accessKey},
			Member{"StringToSign", toSign},
			Member{"SignatureProvided", provided},
			Member{"StringToSignBytes", hexBytes(toSign)},
		)
	}
	ch.previous = want
	return nil
}

// decodeChunked checks an aws-chunked body framed as payloadHash says and returns the
// data of its chunks, concatenated: what the operation reads. Signed forms have each
// chunk's signature checked in order along ch, so a changed, reordered, dropped or
// added chunk fails; x-amz-decoded-content-length must be the decoded length.
func decodeChunked(h http.Header, payloadHash string, body []byte, ch *chunkChain) ([]byte, *Failure) {
	signed := payloadHash != streamingUnsignedTrailer
	trailers := payloadHash != streamingSigned
	rest := body
	var decoded []byte
	for {
		line, after, ok := bytes.Cut(rest, []byte("\r\n"))
		if !ok {
			return nil, fail(codeIncompleteBody, msgBodyTerminated)
		}
		sizeHex, sig, hasSig := strings.Cut(string(line), chunkSignatureEq)
		if !hasSig {
			sizeHex, _, _ = strings.Cut(sizeHex, ";") // unsigned chunks may carry other extensions
		}
		size, err := strconv.ParseUint(sizeHex, 16, 31)
		if err != nil || sizeHex == "" {
			return nil, fail(codeIncompleteBody, msgBodyTerminated)
		}
		if uint64(len(after)) < size {
			return nil, fail(codeIncompleteBody, msgBodyTerminated)
		}
		data := after[:size]
		rest = after[size:]
		if signed {
			if !hasSig {
				return nil, ch.next(chunkStringToSign(ch, data), "")
			}
			if f := ch.next(chunkStringToSign(ch, data), sig); f != nil {
				return nil, f
			}
		}
		if size == 0 {
			break
		}
		if !bytes.HasPrefix(rest, []byte("\r\n")) {
			return nil, fail(codeIncompleteBody, msgBodyTerminated)
		}
		rest = rest[2:]
		decoded = append(decoded, data...)
	}
	if f := checkTrailers(rest, trailers, signed, ch); f != nil {
		return nil, f
	}
	if f := checkDecodedLength(h, len(decoded)); f != nil {
		return nil, f
	}
	if decoded == nil {
		decoded = []byte{}
	}
	return decoded, nil
}

// chunkStringToSign is "AWS4-HMAC-SHA256-PAYLOAD\n{date}\n{scope}\n{previous
// signature}\n{hash of no bytes}\n{hash of the chunk data}".
func chunkStringToSign(ch *chunkChain, data []byte) string {
	sum := sha256.Sum256(data)
	return chunkAlgorithm + "\n" + ch.amzDate + "\n" + ch.scope.String() + "\n" + ch.previous + "\n" +
		emptyPayloadHash + "\n" + hex.EncodeToString(sum[:])
}

// checkTrailers reads what follows the zero-length chunk: nothing but the closing
// empty line, or (trailer forms) "name:value" lines and then the empty line. In the
// signed trailer form the last line is x-amz-trailer-signature, the signature of
// "AWS4-HMAC-SHA256-TRAILER\n{date}\n{scope}\n{last chunk signature}\n{hash of the
// trailer lines, each "name:value\n"}". Nothing may follow the empty line.
func checkTrailers(rest []byte, trailers, signed bool, ch *chunkChain) *Failure {
	var canonical strings.Builder
	trailerSig, hasSig := "", false
	for {
		line, after, ok := bytes.Cut(rest, []byte("\r\n"))
		if !ok {
			return fail(codeIncompleteBody, msgBodyTerminated)
		}
		rest = after
		if len(line) == 0 {
			break
		}
		name, value, ok := strings.Cut(string(line), ":")
		if !trailers || !ok || hasSig {
			return fail(codeIncompleteBody, msgBodyTerminated)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if name == trailerSigName {
			trailerSig, hasSig = strings.TrimSpace(value), true
			continue
		}
		canonical.WriteString(name + ":" + strings.TrimSpace(value) + "\n")
	}
	if len(rest) > 0 {
		return fail(codeIncompleteBody, msgBodyTerminated)
	}
	if !trailers || !signed {
		return nil
	}
	sum := sha256.Sum256([]byte(canonical.String()))
	toSign := trailerAlgorithm + "\n" + ch.amzDate + "\n" + ch.scope.String() + "\n" + ch.previous + "\n" +
		hex.EncodeToString(sum[:])
	return ch.next(toSign, trailerSig)
}

// checkDecodedLength compares x-amz-decoded-content-length, which every aws-chunked
// request carries, with the decoded length. Without it (or with a value that is not
// a length) the answer is MissingContentLength (C: the length S3 cannot know).
func checkDecodedLength(h http.Header, got int) *Failure {
	v := h.Get("X-Amz-Decoded-Content-Length")
	want, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil || want < 0:
		return fail(codeMissingContentLength, "")
	case want == int64(got):
		return nil
	}
	return fail(codeIncompleteBody, "",
		Member{"NumberBytesExpected", v},
		Member{"NumberBytesProvided", strconv.Itoa(got)},
	)
}
