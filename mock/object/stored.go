package object

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math"
	"time"
)

// Stored is the compact, resident form of a Version: about 88 bytes plus the key and
// version id, so that a million objects fit in well under 256 MiB (a Version is over
// 400 bytes). Keyword columns are one-byte codes, dates int64 milliseconds, the ETag
// its 16 bytes plus a part count, and the fields most objects share or lack (owner,
// ACL, lock, lifecycle and tiering dates, Body, ContentType, KMSKeyID) sit behind one
// pointer that a Packer shares between equal values. Make one with Packer.Pack.
type Stored struct {
	key, versionID string
	size           int64
	lastModified   int64
	etag           [md5.Size]byte
	parts          uint16
	flags          uint8
	enums          [enumCount]uint8
	rare           *rare
}

// The bits of Stored.flags.
const (
	flagLatest uint8 = 1 << iota
	flagDeleteMarker
	flagMultipart
	flagETag
)

// noDate is the millisecond value of an empty date.
const noDate = math.MinInt64

// rare holds the fields of a Stored that are usually shared or empty. It is
// comparable so that a Packer can intern it.
type rare struct {
	owner, acl                                  string
	retainUntil, lifecycleExpiration, tierRefAt int64
	eventHoldDuration                           string
	body                                        string
	hasBody                                     bool
	contentType, kmsKeyID                       string
}

// Key is the stored version's key.
func (s *Stored) Key() string { return s.key }

// VersionID is the stored version's id, "" for the null version.
func (s *Stored) VersionID() string { return s.versionID }

// Packer converts a Version to its Stored form, sharing the rare part of equal
// versions (typically every object of one owner with the default ACL). The zero
// value is ready; a Packer is not safe for concurrent use.
type Packer struct {
	interned map[rare]*rare
}

// Pack returns the compact form of v. It fails when a keyword field holds a value
// outside the report vocabulary or the ETag is not in report spelling; Resolve and
// Generate never produce such versions.
func (p *Packer) Pack(v Version) (Stored, error) {
	s := Stored{key: v.Key, versionID: v.VersionID, size: v.Size, lastModified: toMillis(v.LastModifiedDate)}
	if v.IsLatest {
		s.flags |= flagLatest
	}
	if v.IsDeleteMarker {
		s.flags |= flagDeleteMarker
	}
	if v.IsMultipartUploaded {
		s.flags |= flagMultipart
	}
	if v.ETag != "" {
		parts, err := parseETag(v.ETag)
		if err != nil {
			return Stored{}, fmt.Errorf("object: pack %q: ETag %w", v.Key, err)
		}
		hex.Decode(s.etag[:], []byte(v.ETag[:2*md5.Size]))
		s.parts, s.flags = uint16(parts), s.flags|flagETag
	}
	for f, val := range v.enumValues() {
		c, ok := enumCode(f, val)
		if !ok {
			return Stored{}, fmt.Errorf("object: pack %q: %q is not a report value of its field", v.Key, val)
		}
		s.enums[f] = c
	}
	r := rare{
		owner: v.ObjectOwner, acl: v.ObjectAccessControlList,
		retainUntil: toMillis(v.ObjectLockRetainUntilDate), lifecycleExpiration: toMillis(v.LifecycleExpirationDate),
		tierRefAt: toMillis(v.IntelligentTieringReferenceDate), eventHoldDuration: v.ObjectLockEventHoldDuration,
		body: string(v.Body), hasBody: v.Body != nil, contentType: v.ContentType, kmsKeyID: v.KMSKeyID,
	}
	if p.interned == nil {
		p.interned = make(map[rare]*rare)
	}
	if r.hasBody {
		// Bodies are rarely shared; interning them would keep a second index of them.
		s.rare = &r
	} else if shared, ok := p.interned[r]; ok {
		s.rare = shared
	} else {
		s.rare = &r
		p.interned[r] = s.rare
	}
	return s, nil
}

// Version returns the Version s holds.
func (s *Stored) Version() Version {
	v := Version{
		Key: s.key, VersionID: s.versionID, Size: s.size, LastModifiedDate: fromMillis(s.lastModified),
		IsLatest: s.flags&flagLatest != 0, IsDeleteMarker: s.flags&flagDeleteMarker != 0,
		IsMultipartUploaded: s.flags&flagMultipart != 0,
	}
	if s.flags&flagETag != 0 {
		v.ETag = hex.EncodeToString(s.etag[:])
		if s.parts > 0 {
			v.ETag += fmt.Sprintf("-%d", s.parts)
		}
	}
	v.StorageClass, _ = enumName(enumStorageClass, s.enums[enumStorageClass])
	v.ReplicationStatus, _ = enumName(enumReplicationStatus, s.enums[enumReplicationStatus])
	v.EncryptionStatus, _ = enumName(enumEncryptionStatus, s.enums[enumEncryptionStatus])
	v.ObjectLockMode, _ = enumName(enumObjectLockMode, s.enums[enumObjectLockMode])
	v.ObjectLockLegalHoldStatus, _ = enumName(enumObjectLockLegalHoldStatus, s.enums[enumObjectLockLegalHoldStatus])
	v.IntelligentTieringAccessTier, _ = enumName(enumIntelligentTieringAccessTier, s.enums[enumIntelligentTieringAccessTier])
	v.BucketKeyStatus, _ = enumName(enumBucketKeyStatus, s.enums[enumBucketKeyStatus])
	v.ChecksumAlgorithm, _ = enumName(enumChecksumAlgorithm, s.enums[enumChecksumAlgorithm])
	v.ObjectLockEventHoldStatus, _ = enumName(enumObjectLockEventHoldStatus, s.enums[enumObjectLockEventHoldStatus])
	if r := s.rare; r != nil {
		v.ObjectOwner, v.ObjectAccessControlList = r.owner, r.acl
		v.ObjectLockRetainUntilDate = fromMillis(r.retainUntil)
		v.LifecycleExpirationDate = fromMillis(r.lifecycleExpiration)
		v.IntelligentTieringReferenceDate = fromMillis(r.tierRefAt)
		v.ObjectLockEventHoldDuration = r.eventHoldDuration
		if r.hasBody {
			v.Body = []byte(r.body)
		}
		v.ContentType, v.KMSKeyID = r.contentType, r.kmsKeyID
	}
	return v
}

// enumValues yields the keyword fields of v by their enumField.
func (v *Version) enumValues() func(yield func(enumField, string) bool) {
	return func(yield func(enumField, string) bool) {
		vals := [enumCount]string{
			enumStorageClass: v.StorageClass, enumReplicationStatus: v.ReplicationStatus,
			enumEncryptionStatus: v.EncryptionStatus, enumObjectLockMode: v.ObjectLockMode,
			enumObjectLockLegalHoldStatus:    v.ObjectLockLegalHoldStatus,
			enumIntelligentTieringAccessTier: v.IntelligentTieringAccessTier,
			enumBucketKeyStatus:              v.BucketKeyStatus, enumChecksumAlgorithm: v.ChecksumAlgorithm,
			enumObjectLockEventHoldStatus: v.ObjectLockEventHoldStatus,
		}
		for f, val := range vals {
			if !yield(enumField(f), val) {
				return
			}
		}
	}
}

func toMillis(t time.Time) int64 {
	if t.IsZero() {
		return noDate
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time {
	if ms == noDate {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
