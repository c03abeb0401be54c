package object

import (
	"time"
)

// Mapping is one object version as a seed or state document writes it: the report's
// column names as keys, every field optional but Key. Resolve validates it and fills
// the defaults.
type Mapping struct {
	Key                             *string `json:"Key" yaml:"Key"`
	VersionID                       *string `json:"VersionId,omitempty" yaml:"VersionId,omitempty"`
	IsLatest                        *bool   `json:"IsLatest,omitempty" yaml:"IsLatest,omitempty"`
	IsDeleteMarker                  *bool   `json:"IsDeleteMarker,omitempty" yaml:"IsDeleteMarker,omitempty"`
	Size                            *int64  `json:"Size,omitempty" yaml:"Size,omitempty"`
	LastModifiedDate                *string `json:"LastModifiedDate,omitempty" yaml:"LastModifiedDate,omitempty"`
	ETag                            *string `json:"ETag,omitempty" yaml:"ETag,omitempty"`
	StorageClass                    *string `json:"StorageClass,omitempty" yaml:"StorageClass,omitempty"`
	IsMultipartUploaded             *bool   `json:"IsMultipartUploaded,omitempty" yaml:"IsMultipartUploaded,omitempty"`
	ReplicationStatus               *string `json:"ReplicationStatus,omitempty" yaml:"ReplicationStatus,omitempty"`
	EncryptionStatus                *string `json:"EncryptionStatus,omitempty" yaml:"EncryptionStatus,omitempty"`
	ObjectLockRetainUntilDate       *string `json:"ObjectLockRetainUntilDate,omitempty" yaml:"ObjectLockRetainUntilDate,omitempty"`
	ObjectLockMode                  *string `json:"ObjectLockMode,omitempty" yaml:"ObjectLockMode,omitempty"`
	ObjectLockLegalHoldStatus       *string `json:"ObjectLockLegalHoldStatus,omitempty" yaml:"ObjectLockLegalHoldStatus,omitempty"`
	IntelligentTieringAccessTier    *string `json:"IntelligentTieringAccessTier,omitempty" yaml:"IntelligentTieringAccessTier,omitempty"`
	BucketKeyStatus                 *string `json:"BucketKeyStatus,omitempty" yaml:"BucketKeyStatus,omitempty"`
	ChecksumAlgorithm               *string `json:"ChecksumAlgorithm,omitempty" yaml:"ChecksumAlgorithm,omitempty"`
	ObjectAccessControlList         *string `json:"ObjectAccessControlList,omitempty" yaml:"ObjectAccessControlList,omitempty"`
	ObjectOwner                     *string `json:"ObjectOwner,omitempty" yaml:"ObjectOwner,omitempty"`
	LifecycleExpirationDate         *string `json:"LifecycleExpirationDate,omitempty" yaml:"LifecycleExpirationDate,omitempty"`
	ObjectLockEventHoldStatus       *string `json:"ObjectLockEventHoldStatus,omitempty" yaml:"ObjectLockEventHoldStatus,omitempty"`
	ObjectLockEventHoldDuration     *string `json:"ObjectLockEventHoldDuration,omitempty" yaml:"ObjectLockEventHoldDuration,omitempty"`
	IntelligentTieringReferenceDate *string `json:"IntelligentTieringReferenceDate,omitempty" yaml:"IntelligentTieringReferenceDate,omitempty"`
	// Body is the object's content as text; without it GetObject answers Filler.
	Body        *string `json:"Body,omitempty" yaml:"Body,omitempty"`
	ContentType *string `json:"ContentType,omitempty" yaml:"ContentType,omitempty"`
	KMSKeyID    *string `json:"KMSKeyId,omitempty" yaml:"KMSKeyId,omitempty"`
}

// Defaults are the values Resolve gives the fields a mapping leaves out that no
// constant can supply.
type Defaults struct {
	// Owner is the canonical user id that becomes ObjectOwner and the grantee of the
	// default ACL (the caller passes its account's id). Required.
	Owner string
	// LastModified is the LastModifiedDate of a mapping without one, truncated to the
	// millisecond. Required: a zero time is refused, so that no object dates from year 1.
	LastModified time.Time
}

// Limits and defaults of Resolve that are not enum values.
const (
	// MaxKeyLength is S3's limit on a key: 1,024 bytes of UTF-8 (D).
	MaxKeyLength = 1024
	// MaxVersionIDLength bounds a seeded VersionId (C: real ids are 32 characters, R).
	MaxVersionIDLength = 1024
	// MaxSize is S3's largest object, 5 TiB (D).
	MaxSize int64 = 5 << 40
	// MaxParts is S3's largest part count, the bound on N in an "hex-N" ETag (D).
	MaxParts = 10000
	// NullVersionID is how the S3 API names the null version; a mapping may spell
	// VersionId this way or leave it out (D: versionId=null selects it).
	NullVersionID = "null"
	// DefaultIsLatest is the IsLatest of a mapping without one.
	DefaultIsLatest = true
	// DateLayout is the report's date spelling, always with milliseconds and Z (R).
	// Mappings accept any RFC 3339 date.
	DateLayout = "2006-01-02T15:04:05.000Z"
)
