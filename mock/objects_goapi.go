package mock

import (
	"crypto/md5"
	"encoding/hex"

	"github.com/s3invmock/s3invmock/mock/object"
)

// PutObjectVersions stores object versions in bucket, as they are given, replacing any
// of the same key and version id, all in one step. It fills only what a read cannot do
// without: a LastModifiedDate (the server's clock) and, on versions that are not
// delete markers, an ETag (the MD5 of the content: Body, or the filler of Size bytes).
// Mark the current version of each key IsLatest: listings and reads without versionId
// see only that one. It fails with NoSuchBucket, or when a version does not pack (a
// keyword field outside the report vocabulary, an ETag not in report spelling).
func (s *Server) PutObjectVersions(bucket string, vs ...object.Version) error {
	var p object.Packer
	packed := make([]object.Stored, 0, len(vs))
	for _, v := range vs {
		if v.LastModifiedDate.IsZero() {
			v.LastModifiedDate = s.cfg.clock().UTC().Truncate(1e6)
		}
		if v.ETag == "" && !v.IsDeleteMarker {
			v.ETag = contentMD5(&v)
		}
		st, err := p.Pack(v)
		if err != nil {
			return err
		}
		packed = append(packed, st)
	}
	if e := s.store.putObjects(bucket, packed); e != nil {
		return e
	}
	return nil
}

// contentMD5 is the hex MD5 of what GetObject answers for v.
func contentMD5(v *object.Version) string {
	if v.Body != nil {
		sum := md5.Sum(v.Body)
		return hex.EncodeToString(sum[:])
	}
	sum := object.NewFiller(v.Key, v.Size).MD5()
	return hex.EncodeToString(sum[:])
}
