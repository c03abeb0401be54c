package object

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"time"
)

// Version is one object version as an inventory report sees it. Field names are the
// report's column names (VersionID is the VersionId column); string fields hold the
// report's text, "" being the empty cell, and a zero time.Time an empty date.
// A delete marker carries Key, VersionID, IsLatest, IsDeleteMarker and
// LastModifiedDate; the report writer empties every other column of its row.
type Version struct {
	Key string
	// VersionID is "" for the null version (an object written while versioning was
	// off or suspended); reports print it as an empty cell (R).
	VersionID      string
	IsLatest       bool
	IsDeleteMarker bool
	Size           int64
	// LastModifiedDate is kept to the millisecond, in UTC.
	LastModifiedDate time.Time
	// ETag is lowercase hex without quotes, or "hex-N" for an object uploaded in N
	// parts (the report's spelling, R for plain, I for -N).
	ETag                         string
	StorageClass                 string
	IsMultipartUploaded          bool
	ReplicationStatus            string
	EncryptionStatus             string
	ObjectLockRetainUntilDate    time.Time
	ObjectLockMode               string
	ObjectLockLegalHoldStatus    string
	IntelligentTieringAccessTier string
	BucketKeyStatus              string
	ChecksumAlgorithm            string
	// ObjectAccessControlList is the report value itself: base64 of the ACL JSON
	// (see ACL).
	ObjectAccessControlList string
	// ObjectOwner is the owner's canonical user id, or OwnerUnavailable.
	ObjectOwner             string
	LifecycleExpirationDate time.Time
	// ObjectLockEventHoldStatus is "", ON or OFF (C: no sample exists).
	ObjectLockEventHoldStatus string
	// ObjectLockEventHoldDuration is a decimal number of days, or "" (C).
	ObjectLockEventHoldDuration     string
	IntelligentTieringReferenceDate time.Time

	// Body is the content GetObject answers; nil means Size bytes of Filler.
	Body []byte
	// ContentType is the stored Content-Type ("" lets the reader pick its default).
	ContentType string
	// KMSKeyID is the key of an SSE-KMS or DSSE-KMS object, "" for the default key.
	KMSKeyID string
}

// Content returns the bytes GetObject answers for v, as a ReaderAt so that a Range
// read costs only its length, and their size.
func (v *Version) Content() (io.ReaderAt, int64) {
	if v.Body != nil {
		return bytes.NewReader(v.Body), int64(len(v.Body))
	}
	f := NewFiller(v.Key, v.Size)
	return f, f.Size()
}

// Compare orders versions as inventory rows are written: by Key, then by VersionID,
// both in byte order, so the null version ("") comes first. R: the one real sample,
// sorted that way; S3 itself promises no order (D), so this is our choice (C).
func Compare(a, b *Version) int {
	return CompareKeys(a.Key, a.VersionID, b.Key, b.VersionID)
}

// CompareKeys is Compare on the two sort keys alone, for the compact form.
func CompareKeys(aKey, aVersionID, bKey, bVersionID string) int {
	if c := strings.Compare(aKey, bKey); c != 0 {
		return c
	}
	return strings.Compare(aVersionID, bVersionID)
}

// Sort sorts vs in report order (see Compare), in place and stably.
func Sort(vs []Version) {
	slices.SortStableFunc(vs, func(a, b Version) int { return Compare(&a, &b) })
}
