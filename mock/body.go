package mock

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// body is the one step that reads a request body, and it returns the bytes: within
// the server's limit, then checked as S3 checks it (Content-MD5: InvalidDigest,
// BadDigest; a hex x-amz-content-sha256: XAmzContentSHA256Mismatch; UNSIGNED-PAYLOAD
// and STREAMING-* values are not digests and pass). Every operation calls it once its
// bucket and caller have passed, so that a wrong digest is refused on a GET or DELETE
// too (fixtures/FACTS.md section 2). A bodiless request with no digest to check, or
// the empty body's own hash, reads nothing. In verify mode authenticate has read and
// decoded it already.
func (s *Server) body(c *Call) ([]byte, *Error) {
	if c.body != nil {
		return c.body, nil
	}
	r := c.req
	if r == nil || nothingToRead(r) {
		return []byte{}, nil
	}
	body, e := s.readRaw(r)
	if e != nil {
		return nil, e
	}
	if e := checkDigests(r.Header, body); e != nil {
		return nil, e
	}
	c.body = body
	return body, nil
}

// nothingToRead reports a request with no body and no digest that could refuse it.
func nothingToRead(r *http.Request) bool {
	if r.ContentLength != 0 || len(r.TransferEncoding) != 0 {
		return false
	}
	_, md5 := r.Header["Content-Md5"]
	sha := identity.FirstValue(r.Header, "X-Amz-Content-Sha256")
	return !md5 && (sha == "" || sha == emptySHA256 || !isHexSHA256(sha))
}

// readRaw reads the body as sent, within the server's limit and to its Content-Length.
// exactBodyBytes bounds the bodies readRaw reads into a buffer of their declared
// length: far above any inventory configuration (a few KiB).
const exactBodyBytes = 64 << 10

func (s *Server) readRaw(r *http.Request) ([]byte, *Error) {
	limit := s.cfg.maxBody
	if r.ContentLength > limit {
		// Refused before reading: a 1 GiB body costs nothing.
		return nil, NewError(MaxMessageLengthExceeded)
	}
	if r.ContentLength > 0 && r.ContentLength <= exactBodyBytes && r.Body != nil {
		// The declared length, read into a buffer of that size: io.ReadAll starts at
		// 512 bytes and grows, and reads once more to find the end. Only up to
		// exactBodyBytes, so that a client declaring a large body and sending it
		// slowly holds no more memory than it has sent.
		body := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(r.Body, body); err != nil {
			return nil, NewError(IncompleteBody)
		}
		return body, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if int64(len(body)) > limit {
		return nil, NewError(MaxMessageLengthExceeded)
	}
	if err != nil || r.ContentLength >= 0 && int64(len(body)) != r.ContentLength {
		return nil, NewError(IncompleteBody)
	}
	if body == nil {
		body = []byte{}
	}
	return body, nil
}

func checkDigests(h http.Header, body []byte) *Error {
	if vs, ok := h["Content-Md5"]; ok {
		want, err := base64.StdEncoding.DecodeString(vs[0])
		if err != nil || len(want) != md5.Size {
			return NewError(InvalidDigest)
		}
		got := md5.Sum(body)
		if !bytes.Equal(want, got[:]) {
			return NewError(BadDigest)
		}
	}
	if claimed := identity.FirstValue(h, "X-Amz-Content-Sha256"); isHexSHA256(claimed) {
		sum := sha256.Sum256(body)
		computed := hex.EncodeToString(sum[:])
		if !strings.EqualFold(claimed, computed) {
			return NewError(XAmzContentSHA256Mismatch, Member{Name: "ClientComputedContentSHA256", Value: claimed},
				Member{Name: "S3ComputedContentSHA256", Value: computed})
		}
	}
	return nil
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// emptySHA256 is the hex SHA-256 of no bytes, which every SDK sends on a GET.
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
