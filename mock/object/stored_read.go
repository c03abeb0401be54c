package object

import (
	"encoding/hex"
	"io"
	"strconv"
	"strings"
	"time"
)

// The accessors below let the read path (listings, GetObject, HeadObject) take what
// it needs from a Stored without building the whole Version: no allocation per field,
// and the Body is never copied.

// IsLatest reports whether s is the current version of its key.
func (s *Stored) IsLatest() bool { return s.flags&flagLatest != 0 }

// IsDeleteMarker reports whether s is a delete marker.
func (s *Stored) IsDeleteMarker() bool { return s.flags&flagDeleteMarker != 0 }

// Size is the version's size in bytes.
func (s *Stored) Size() int64 { return s.size }

// LastModified is the version's last-modified time in UTC; zero when none was given.
func (s *Stored) LastModified() time.Time { return fromMillis(s.lastModified) }

// AppendETag appends the ETag in report spelling (hex, or hex-N), without quotes;
// nothing when the version has none.
func (s *Stored) AppendETag(b []byte) []byte {
	if s.flags&flagETag == 0 {
		return b
	}
	b = hex.AppendEncode(b, s.etag[:])
	if s.parts > 0 {
		b = append(b, '-')
		b = strconv.AppendUint(b, uint64(s.parts), 10)
	}
	return b
}

// StorageClass is the version's storage class, "" when none was given.
func (s *Stored) StorageClass() string {
	v, _ := enumName(enumStorageClass, s.enums[enumStorageClass])
	return v
}

// EncryptionStatus is the version's encryption in report spelling (SSE-S3, SSE-KMS, ...).
func (s *Stored) EncryptionStatus() string {
	v, _ := enumName(enumEncryptionStatus, s.enums[enumEncryptionStatus])
	return v
}

// BucketKeyStatus is ENABLED, DISABLED or "".
func (s *Stored) BucketKeyStatus() string {
	v, _ := enumName(enumBucketKeyStatus, s.enums[enumBucketKeyStatus])
	return v
}

// Owner is the version's owner canonical id, "" when none was given.
func (s *Stored) Owner() string {
	if s.rare == nil {
		return ""
	}
	return s.rare.owner
}

// ContentType is the stored Content-Type, "" when none was given.
func (s *Stored) ContentType() string {
	if s.rare == nil {
		return ""
	}
	return s.rare.contentType
}

// KMSKeyID is the KMS key of an SSE-KMS version, "" for the default key.
func (s *Stored) KMSKeyID() string {
	if s.rare == nil {
		return ""
	}
	return s.rare.kmsKeyID
}

// Content is Version.Content without the copy: the Body as stored, or the filler.
func (s *Stored) Content() (io.ReaderAt, int64) {
	if s.rare != nil && s.rare.hasBody {
		return strings.NewReader(s.rare.body), int64(len(s.rare.body))
	}
	f := NewFiller(s.key, s.size)
	return f, f.Size()
}
