package mock

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/object"
)

// getObject serves GetObject and HeadObject (fixtures/FACTS.md section 8): find the
// version, check the preconditions, then the range, then stream the bytes (GET only).
func (s *Server) getObject(w http.ResponseWriter, c *Call) {
	o, e := s.readTarget(w.Header(), c)
	if e == nil {
		e = checkPreconditions(c.Header, o, c.Received)
	}
	if e == errNotModified {
		writeNotModified(w, o)
		return
	}
	var rg byteRange
	if e == nil {
		rg, e = parseRange(identity.FirstValue(c.Header, "Range"), o.Size())
	}
	if e != nil {
		WriteError(w, c, e)
		return
	}
	body, size := o.Content()
	h := w.Header()
	setObjectHeaders(h, o)
	status := http.StatusOK
	start, n := int64(0), size
	if rg.ok {
		status, start, n = http.StatusPartialContent, rg.start, rg.end-rg.start+1
		h["Content-Range"] = []string{"bytes " + strconv.FormatInt(rg.start, 10) + "-" +
			strconv.FormatInt(rg.end, 10) + "/" + strconv.FormatInt(size, 10)}
	}
	h["Content-Length"] = []string{strconv.FormatInt(n, 10)}
	w.WriteHeader(status)
	if c.Method == http.MethodHead || n == 0 {
		return
	}
	buf := copyBuffers.Get().(*[]byte)
	_, _ = io.CopyBuffer(w, io.NewSectionReader(body, start, n), *buf)
	copyBuffers.Put(buf)
}

// copyBuffers are the chunks a body is streamed through: no object is built whole.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// readTarget finds the version a read names after the bucket, the caller and the
// body have passed. A current delete marker is 404 NoSuchKey with
// x-amz-delete-marker: true; a version id naming a delete marker is 405
// MethodNotAllowed with the same header (both documented).
func (s *Server) readTarget(h http.Header, c *Call) (*object.Stored, *Error) {
	if _, e := s.lookupBucket(c); e != nil {
		return nil, e
	}
	if _, e := s.body(c); e != nil {
		return nil, e
	}
	versionID, byVersion := c.Query.Get("versionId")
	if byVersion && !validVersionID(versionID) {
		return nil, NewError(InvalidArgument, Member{Name: "ArgumentName", Value: "versionId"},
			Member{Name: "ArgumentValue", Value: versionID}).WithMessage(wire.InvalidVersionIDMessage)
	}
	vs, _ := s.store.objects(c.Bucket)
	o, _ := findObject(vs, c.Key, versionID, byVersion)
	switch {
	case o == nil && byVersion:
		return nil, NewError(NoSuchVersion, Member{Name: "Key", Value: c.Key}, Member{Name: "VersionId", Value: versionID})
	case o == nil:
		return nil, NewError(NoSuchKey, Member{Name: "Key", Value: c.Key})
	case o.IsDeleteMarker():
		h["x-amz-delete-marker"] = []string{"true"}
		setVersionHeader(h, o)
		if byVersion {
			h["Last-Modified"] = []string{o.LastModified().Format(http.TimeFormat)}
			return nil, NewError(MethodNotAllowed, Member{Name: "Method", Value: c.Method},
				Member{Name: "ResourceType", Value: "DeleteMarker"})
		}
		return nil, NewError(NoSuchKey, Member{Name: "Key", Value: c.Key})
	}
	return o, nil
}

// validVersionID accepts "null" and S3-like ids: 1 to 1,024 of A-Z a-z 0-9 . _ - +
// (C: S3's rule is unpublished; its ids are 32 URL-safe characters).
func validVersionID(id string) bool {
	if id == "" || len(id) > 1024 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("._-+", c) >= 0) {
			return false
		}
	}
	return true
}

// errNotModified is the 304 outcome of checkPreconditions; it is never written as an
// error.
var errNotModified = &Error{Status: http.StatusNotModified}

// checkPreconditions applies S3's order (recorded): If-Match, If-Unmodified-Since
// (skipped when If-Match was sent and held), If-None-Match, If-Modified-Since (a date
// after now, the server's clock, is ignored).
func checkPreconditions(h http.Header, o *object.Stored, now time.Time) *Error {
	modified := lastModifiedSecond(o)
	im, hasIM := h["If-Match"]
	if hasIM && !etagMatches(im, o) {
		return NewError(PreconditionFailed, Member{Name: "Condition", Value: "If-Match"})
	}
	if v := identity.FirstValue(h, "If-Unmodified-Since"); !hasIM && v != "" {
		if t, err := http.ParseTime(v); err == nil && modified.After(t) {
			return NewError(PreconditionFailed, Member{Name: "Condition", Value: "If-Unmodified-Since"})
		}
	}
	if inm, ok := h["If-None-Match"]; ok && etagMatches(inm, o) {
		return errNotModified
	}
	if v := identity.FirstValue(h, "If-Modified-Since"); v != "" {
		if t, err := http.ParseTime(v); err == nil && !modified.After(t) && !t.After(now) {
			return errNotModified
		}
	}
	return nil
}

// etagMatches reports whether any listed ETag (quoted or not, comma-separated) or "*"
// names o.
func etagMatches(values []string, o *object.Stored) bool {
	want := quotedETag(o)
	for _, v := range values {
		for _, tag := range strings.Split(v, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || tag == want || `"`+tag+`"` == want {
				return true
			}
		}
	}
	return false
}

// writeNotModified writes the 304: no body, the ETag and Last-Modified (I).
func writeNotModified(w http.ResponseWriter, o *object.Stored) {
	h := w.Header()
	h["ETag"] = []string{quotedETag(o)}
	h["Last-Modified"] = []string{o.LastModified().Format(http.TimeFormat)}
	setVersionHeader(h, o)
	h["Content-Type"] = nil
	w.WriteHeader(http.StatusNotModified)
}
