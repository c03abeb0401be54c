package mock

import (
	"net/http"
	"strconv"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
)

// listObjects serves ListObjectsV2 (v2 true) and ListObjects: the current version of
// each key, in byte order, max-keys to a page (fixtures/FACTS.md section 8).
func (s *Server) listObjects(w http.ResponseWriter, c *Call, v2 bool) {
	b, e := s.lookupBucket(c)
	if e == nil {
		_, e = s.body(c)
	}
	var lq listRequest
	if e == nil {
		lq, e = s.parseListQuery(c, v2)
	}
	if e != nil {
		WriteError(w, c, e)
		return
	}
	vs, ok := s.store.objects(c.Bucket)
	if !ok { // deleted since lookupBucket
		WriteError(w, c, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket}))
		return
	}
	res := scanList(vs, lq.listQuery)
	buf := getBuffer()
	if v2 {
		next := ""
		if res.truncated {
			next = s.tokens.issue(v2TokenScope(c.Bucket), res.entries[len(res.entries)-1].name())
		}
		*buf = appendListV2(*buf, c, lq, res, next, CanonicalUserID(b.Owner))
	} else {
		*buf = appendListV1(*buf, c, lq, res, CanonicalUserID(b.Owner))
	}
	writeXML(w, *buf, "application/xml")
	putBuffer(buf)
}

// listRequest is a parsed listing request: the scan and what the answer echoes.
type listRequest struct {
	listQuery
	maxKeys    int    // MaxKeys as echoed: the value asked, capped at MaxKeys (C)
	encode     bool   // encoding-type=url
	startAfter string // V2's start-after, echoed only without a token
	marker     string // V1's marker, always echoed
	fetchOwner bool
}

// parseListQuery reads prefix, delimiter, max-keys, encoding-type and the resume point
// (V2: continuation-token, which wins over start-after; V1: marker).
func (s *Server) parseListQuery(c *Call, v2 bool) (listRequest, *Error) {
	var lr listRequest
	lr.prefix, _ = c.Query.Get("prefix")
	lr.delimiter, _ = c.Query.Get("delimiter")
	switch enc, _ := c.Query.Get("encoding-type"); enc {
	case "":
	case "url":
		lr.encode = true
	default:
		return lr, NewError(InvalidArgument, Member{Name: "ArgumentName", Value: "encoding-type"},
			Member{Name: "ArgumentValue", Value: enc}).WithMessage(wire.InvalidEncodingMessage)
	}
	lr.max, lr.maxKeys = MaxKeys, MaxKeys
	if mk, ok := c.Query.Get("max-keys"); ok {
		n, err := strconv.Atoi(mk)
		if err != nil || n < 0 {
			return lr, NewError(InvalidArgument, Member{Name: "ArgumentName", Value: "max-keys"},
				Member{Name: "ArgumentValue", Value: mk}).WithMessage(wire.MaxKeysMessage)
		}
		lr.max, lr.maxKeys = min(n, MaxKeys), min(n, MaxKeys)
	}
	if !v2 {
		lr.marker, _ = c.Query.Get("marker")
		lr.after = lr.marker
		return lr, nil
	}
	fo, _ := c.Query.Get("fetch-owner")
	lr.fetchOwner = fo == "true"
	if c.HasContinuationToken {
		after, ok := s.tokens.check(v2TokenScope(c.Bucket), c.ContinuationToken)
		if c.ContinuationToken == "" || !ok {
			return lr, NewError(InvalidArgument, Member{Name: "ArgumentName", Value: "continuation-token"}).
				WithMessage(wire.BadTokenMessage)
		}
		lr.after = after
		return lr, nil
	}
	lr.startAfter, _ = c.Query.Get("start-after")
	lr.after = lr.startAfter
	return lr, nil
}

// v2TokenScope binds ListObjectsV2 tokens to the operation as well as the bucket: no
// bucket name holds a control byte, so an inventory List token (signed for the bare
// bucket name) is refused here, and one of these there.
func v2TokenScope(bucket string) string { return "ListObjectsV2\x01" + bucket }
