package mock

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
)

// createBucket is CreateBucket: 200 with Location: /{bucket} and an empty body.
func (s *Server) createBucket(w http.ResponseWriter, c *Call) {
	// S3's order: permission before anything about the body.
	e := s.checkPermission(c)
	var body []byte
	if e == nil {
		body, e = s.body(c)
	}
	region := s.cfg.region
	if e == nil && len(body) > 0 {
		region, e = parseCreateBucketConfiguration(body, s.cfg.region)
	}
	if e == nil {
		e = s.addBucket(Bucket{Name: c.Bucket, Owner: c.Account, Region: region, Created: s.now()})
	}
	if e != nil {
		WriteError(w, c, e)
		return
	}
	writeCreateBucket(w, c.Bucket)
}

// addBucket creates a bucket or says why not: 400 TooManyBuckets past the server's
// bucket cap (WithMaxBuckets), which is checked after the name is found free, as
// re-creating a bucket one owns is no new bucket. An owner re-creating a us-east-1 bucket
// gets 200, as S3 answers there for legacy reasons (documented).
func (s *Server) addBucket(b Bucket) *Error {
	existing, created, full := s.store.createBucket(b)
	switch {
	case created:
		return nil
	case full:
		return NewError(TooManyBuckets)
	case existing.Owner != b.Owner:
		return NewError(BucketAlreadyExists, Member{Name: "BucketName", Value: b.Name})
	case existing.Region == "us-east-1":
		return nil
	default:
		return NewError(BucketAlreadyOwnedByYou, Member{Name: "BucketName", Value: b.Name})
	}
}

// parseCreateBucketConfiguration reads the optional LocationConstraint. An empty one is
// the server's default region; "EU" is eu-west-1; an explicit us-east-1 is refused, as
// S3 refuses it.
func parseCreateBucketConfiguration(body []byte, def string) (string, *Error) {
	root, err := wire.ParseTree(body, "CreateBucketConfiguration")
	if err != nil || root.OnlyChildren("LocationConstraint") != nil {
		return "", NewError(MalformedXML)
	}
	lc, err := root.OptionalLeaf("LocationConstraint")
	switch {
	case err != nil:
		return "", NewError(MalformedXML)
	case lc == nil || *lc == "":
		return def, nil
	case *lc == "EU":
		return "eu-west-1", nil
	case *lc == "us-east-1" || !looksLikeRegion(*lc):
		return "", NewError(InvalidLocationConstraint, Member{Name: "LocationConstraint", Value: *lc})
	}
	return *lc, nil
}

// looksLikeRegion accepts names such as eu-west-1 and us-gov-west-1.
func looksLikeRegion(r string) bool {
	parts := strings.Split(r, "-")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			if !(p[i] >= 'a' && p[i] <= 'z' || p[i] >= '0' && p[i] <= '9') {
				return false
			}
		}
	}
	return true
}

// headBucket is HeadBucket: 200 with x-amz-bucket-region; 404 or 403 with no body.
func (s *Server) headBucket(w http.ResponseWriter, c *Call) {
	b, ok := s.store.bucket(c.Bucket)
	if !ok {
		WriteError(w, c, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket}))
		return
	}
	h := w.Header()
	h["x-amz-bucket-region"] = []string{b.Region}
	if e := s.checkAccess(c, b); e != nil {
		WriteError(w, c, e)
		return
	}
	if _, e := s.body(c); e != nil {
		WriteError(w, c, e)
		return
	}
	writeHeadBucket(w)
}

// deleteBucket is DeleteBucket: 204; the bucket's configurations go with it. A bucket
// holding any object version (a delete marker too) is 409 BucketNotEmpty (documented).
func (s *Server) deleteBucket(w http.ResponseWriter, c *Call) {
	// The emptiness check and the delete are one step under the store's lock: two
	// racing DeleteBuckets answered 204 both, which no sequential order explains (the
	// concurrent-model spec caught it now and then), and an object could land between
	// a separate check and the delete.
	e := s.bucketAndBody(c)
	if e == nil {
		e = s.store.deleteBucket(c.Bucket)
	}
	if e != nil {
		WriteError(w, c, e)
		return
	}
	writeNoContent(w)
}

// listBuckets is ListBuckets: the caller's buckets.
func (s *Server) listBuckets(w http.ResponseWriter, c *Call) {
	e := s.checkPermission(c)
	if e == nil {
		_, e = s.body(c)
	}
	if e != nil {
		WriteError(w, c, e)
		return
	}
	writeXML(w, appendListBuckets(nil, CanonicalUserID(c.Account), s.store.listBuckets(c.Account)), "application/xml")
}

// CanonicalUserID is the 64-hex-digit canonical id shown as a bucket owner. C: S3's
// mapping from account to canonical id is private; ours is a hash of the account id.
func CanonicalUserID(account string) string {
	sum := sha256.Sum256([]byte("s3invmock canonical user " + account))
	return hex.EncodeToString(sum[:])
}

// ValidBucketName applies S3's naming rules: 3-63 characters of lower-case letters,
// digits, '.' and '-', starting and ending with a letter or digit, not an IP address.
func ValidBucketName(name string) bool { return wire.ValidBucketName(name) }
