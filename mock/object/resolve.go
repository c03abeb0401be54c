package object

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Resolve validates m and returns the Version it describes, its omitted fields
// defaulted: VersionId the null version, IsLatest DefaultIsLatest, Size len(Body)
// (0 without Body), LastModifiedDate d.LastModified, ETag the MD5 of the content
// (Body, or the Filler), StorageClass STANDARD, EncryptionStatus SSE-S3,
// BucketKeyStatus DISABLED, ObjectOwner d.Owner, ObjectAccessControlList
// DefaultACL of the owner, IntelligentTieringAccessTier FREQUENT for an
// INTELLIGENT_TIERING object; every other field empty.
//
// A bad mapping returns FieldErrors listing every problem with its field name; a bad
// d returns a plain error.
func Resolve(m Mapping, d Defaults) (Version, error) {
	if d.Owner == "" {
		return Version{}, errors.New("object: Defaults.Owner is empty")
	}
	if d.LastModified.IsZero() {
		return Version{}, errors.New("object: Defaults.LastModified is zero")
	}
	r := &resolver{}
	v := Version{
		Key:              r.key(m.Key),
		VersionID:        r.versionID(m.VersionID),
		IsLatest:         orDefault(m.IsLatest, DefaultIsLatest),
		IsDeleteMarker:   orDefault(m.IsDeleteMarker, false),
		LastModifiedDate: r.date("LastModifiedDate", m.LastModifiedDate, d.LastModified),
	}
	if v.IsDeleteMarker {
		r.deleteMarker(m)
		v.BucketKeyStatus = BucketKeyDisabled
		return v, r.err()
	}
	if m.Body != nil {
		v.Body = []byte(*m.Body)
	}
	v.Size = r.size(m.Size, v.Body)
	v.StorageClass = r.enum("StorageClass", m.StorageClass, enumStorageClass, StorageClassStandard)
	tierDefault := ""
	if v.StorageClass == StorageClassIntelligentTiering {
		tierDefault = TierFrequent
	} else if m.IntelligentTieringAccessTier != nil && *m.IntelligentTieringAccessTier != "" {
		r.add("IntelligentTieringAccessTier", "is only reported for StorageClass %s, not %s", StorageClassIntelligentTiering, v.StorageClass)
	}
	v.IntelligentTieringAccessTier = r.enum("IntelligentTieringAccessTier", m.IntelligentTieringAccessTier, enumIntelligentTieringAccessTier, tierDefault)
	v.ReplicationStatus = r.enum("ReplicationStatus", m.ReplicationStatus, enumReplicationStatus, "")
	v.EncryptionStatus = r.enum("EncryptionStatus", m.EncryptionStatus, enumEncryptionStatus, EncryptionSSES3)
	v.BucketKeyStatus = r.enum("BucketKeyStatus", m.BucketKeyStatus, enumBucketKeyStatus, BucketKeyDisabled)
	kms := v.EncryptionStatus == EncryptionSSEKMS || v.EncryptionStatus == EncryptionDSSEKMS
	if v.BucketKeyStatus == BucketKeyEnabled && v.EncryptionStatus != EncryptionSSEKMS {
		r.add("BucketKeyStatus", "ENABLED needs EncryptionStatus %s (D: bucket keys serve SSE-KMS only), got %s", EncryptionSSEKMS, v.EncryptionStatus)
	}
	if m.KMSKeyID != nil {
		if !kms {
			r.add("KMSKeyId", "needs EncryptionStatus SSE-KMS or DSSE-KMS, got %s", v.EncryptionStatus)
		}
		v.KMSKeyID = *m.KMSKeyID
	}
	v.ChecksumAlgorithm = r.enum("ChecksumAlgorithm", m.ChecksumAlgorithm, enumChecksumAlgorithm, "")
	v.ObjectLockMode = r.enum("ObjectLockMode", m.ObjectLockMode, enumObjectLockMode, "")
	v.ObjectLockRetainUntilDate = r.date("ObjectLockRetainUntilDate", m.ObjectLockRetainUntilDate, time.Time{})
	if (v.ObjectLockMode == "") != v.ObjectLockRetainUntilDate.IsZero() {
		r.add("ObjectLockMode", "and ObjectLockRetainUntilDate go together (D: a retention is a mode and a date)")
	}
	v.ObjectLockLegalHoldStatus = r.enum("ObjectLockLegalHoldStatus", m.ObjectLockLegalHoldStatus, enumObjectLockLegalHoldStatus, "")
	v.ObjectLockEventHoldStatus = r.enum("ObjectLockEventHoldStatus", m.ObjectLockEventHoldStatus, enumObjectLockEventHoldStatus, "")
	v.ObjectLockEventHoldDuration = r.days("ObjectLockEventHoldDuration", m.ObjectLockEventHoldDuration)
	v.LifecycleExpirationDate = r.date("LifecycleExpirationDate", m.LifecycleExpirationDate, time.Time{})
	v.IntelligentTieringReferenceDate = r.date("IntelligentTieringReferenceDate", m.IntelligentTieringReferenceDate, time.Time{})
	v.ETag, v.IsMultipartUploaded = r.etag(m.ETag, m.IsMultipartUploaded, &v)
	v.ObjectOwner = r.nonEmpty("ObjectOwner", m.ObjectOwner, d.Owner)
	v.ObjectAccessControlList = r.acl(m.ObjectAccessControlList, v.ObjectOwner)
	if m.ContentType != nil {
		v.ContentType = *m.ContentType
	}
	return v, r.err()
}

// resolver gathers the problems of one mapping.
type resolver struct{ errs FieldErrors }

func (r *resolver) add(field, format string, args ...any) {
	r.errs = append(r.errs, FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
}

func (r *resolver) err() error {
	if len(r.errs) == 0 {
		return nil
	}
	return r.errs
}

func orDefault[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func (r *resolver) key(p *string) string {
	switch {
	case p == nil || *p == "":
		r.add("Key", "is required")
		return ""
	case len(*p) > MaxKeyLength:
		r.add("Key", "is %d bytes, more than S3's %d", len(*p), MaxKeyLength)
	case !utf8.ValidString(*p):
		r.add("Key", "is not valid UTF-8")
	}
	return *p
}

func (r *resolver) versionID(p *string) string {
	if p == nil || *p == "" || *p == NullVersionID {
		return ""
	}
	if len(*p) > MaxVersionIDLength {
		r.add("VersionId", "is %d bytes, more than %d", len(*p), MaxVersionIDLength)
	}
	for i := 0; i < len(*p); i++ {
		if c := (*p)[i]; c <= ' ' || c > '~' {
			r.add("VersionId", "must be printable ASCII without spaces, got %q", *p)
			break
		}
	}
	return *p
}

func (r *resolver) date(field string, p *string, def time.Time) time.Time {
	if p == nil || *p == "" {
		return def.UTC().Truncate(time.Millisecond)
	}
	t, err := time.Parse(time.RFC3339Nano, *p)
	if err != nil {
		r.add(field, "must be an RFC 3339 date such as 2024-05-06T22:37:48.000Z, got %q", *p)
		return time.Time{}
	}
	return t.UTC().Truncate(time.Millisecond)
}

func (r *resolver) size(p *int64, body []byte) int64 {
	if p == nil {
		return int64(len(body))
	}
	switch {
	case *p < 0:
		r.add("Size", "must not be negative, got %d", *p)
	case *p > MaxSize:
		r.add("Size", "must be at most %d (5 TiB), got %d", MaxSize, *p)
	case body != nil && *p != int64(len(body)):
		r.add("Size", "is %d but Body has %d bytes", *p, len(body))
	}
	return *p
}

func (r *resolver) enum(field string, p *string, f enumField, def string) string {
	if p == nil || *p == "" {
		return def
	}
	if _, ok := enumCode(f, *p); !ok {
		r.add(field, "must be one of %s, got %q", strings.Join(enumValues(f), ", "), *p)
	}
	return *p
}

func (r *resolver) nonEmpty(field string, p *string, def string) string {
	if p == nil {
		return def
	}
	if *p == "" {
		r.add(field, "must not be empty")
	}
	return *p
}

func (r *resolver) days(field string, p *string) string {
	if p == nil || *p == "" {
		return ""
	}
	if _, err := strconv.ParseUint(*p, 10, 32); err != nil {
		r.add(field, "must be a whole number of days, got %q", *p)
	}
	return *p
}

func (r *resolver) acl(p *string, owner string) string {
	if p == nil {
		return DefaultACL(owner)
	}
	if err := checkACL(*p); err != nil {
		r.add("ObjectAccessControlList", "%v", err)
	}
	return *p
}

// etag returns the ETag and IsMultipartUploaded of v. Without an ETag the default
// is the MD5 hex of the content; a multipart object without one gets the ETag of a
// single-part upload of that content, md5(md5(content)) + "-1" (C).
func (r *resolver) etag(p *string, multipart *bool, v *Version) (string, bool) {
	if p == nil || *p == "" {
		mp := orDefault(multipart, false)
		sum := contentMD5(v)
		if !mp {
			return hex.EncodeToString(sum[:]), false
		}
		outer := md5.Sum(sum[:])
		return hex.EncodeToString(outer[:]) + "-1", true
	}
	parts, err := parseETag(*p)
	if err != nil {
		r.add("ETag", "%v", err)
		return *p, orDefault(multipart, false)
	}
	mp := orDefault(multipart, parts > 0)
	if mp != (parts > 0) {
		r.add("IsMultipartUploaded", "is %t but ETag %q says otherwise (multipart ETags end in -N)", mp, *p)
	}
	return *p, mp
}

// parseETag checks the report spelling of an ETag and returns its part count, 0 for
// a single-part ETag.
func parseETag(s string) (parts int, err error) {
	digest, n, multi := strings.Cut(s, "-")
	if len(digest) != 2*md5.Size || strings.Trim(digest, "0123456789abcdef") != "" {
		return 0, fmt.Errorf("must be 32 lowercase hex digits without quotes, optionally -N, got %q", s)
	}
	if !multi {
		return 0, nil
	}
	parts, err = strconv.Atoi(n)
	if err != nil || parts < 1 || parts > MaxParts || strconv.Itoa(parts) != n {
		return 0, fmt.Errorf("part count must be 1 to %d, got %q", MaxParts, s)
	}
	return parts, nil
}

func contentMD5(v *Version) [md5.Size]byte {
	if v.Body != nil {
		return md5.Sum(v.Body)
	}
	return NewFiller(v.Key, v.Size).MD5()
}

// deleteMarker refuses the fields a delete marker cannot have.
func (r *resolver) deleteMarker(m Mapping) {
	set := []struct {
		name string
		ok   bool
	}{
		{"Size", m.Size != nil}, {"ETag", m.ETag != nil}, {"StorageClass", m.StorageClass != nil},
		{"IsMultipartUploaded", m.IsMultipartUploaded != nil}, {"ReplicationStatus", m.ReplicationStatus != nil},
		{"EncryptionStatus", m.EncryptionStatus != nil}, {"ObjectLockRetainUntilDate", m.ObjectLockRetainUntilDate != nil},
		{"ObjectLockMode", m.ObjectLockMode != nil}, {"ObjectLockLegalHoldStatus", m.ObjectLockLegalHoldStatus != nil},
		{"IntelligentTieringAccessTier", m.IntelligentTieringAccessTier != nil}, {"BucketKeyStatus", m.BucketKeyStatus != nil},
		{"ChecksumAlgorithm", m.ChecksumAlgorithm != nil}, {"ObjectAccessControlList", m.ObjectAccessControlList != nil},
		{"ObjectOwner", m.ObjectOwner != nil}, {"LifecycleExpirationDate", m.LifecycleExpirationDate != nil},
		{"ObjectLockEventHoldStatus", m.ObjectLockEventHoldStatus != nil},
		{"ObjectLockEventHoldDuration", m.ObjectLockEventHoldDuration != nil},
		{"IntelligentTieringReferenceDate", m.IntelligentTieringReferenceDate != nil},
		{"Body", m.Body != nil}, {"ContentType", m.ContentType != nil}, {"KMSKeyId", m.KMSKeyID != nil},
	}
	for _, f := range set {
		if f.ok {
			r.add(f.name, "a delete marker has none (its report row leaves it empty)")
		}
	}
}
