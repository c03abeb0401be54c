package inventory

// Configuration is the parsed model of an inventory configuration document (S3's
// InventoryConfiguration). Answers are rendered from it, never from request bytes.
type Configuration struct {
	ID                     string
	IsEnabled              bool
	Destination            S3BucketDestination
	Schedule               Frequency
	Filter                 *Filter // nil when the document had no Filter
	IncludedObjectVersions IncludedObjectVersions
	// OptionalFields is nil when the element was absent; a non-nil empty slice means
	// the document carried an empty <OptionalFields/>, which is echoed back as sent.
	OptionalFields []OptionalField
}

// S3BucketDestination is where inventory reports go.
type S3BucketDestination struct {
	Format     Format
	AccountID  *string // nil when absent
	Bucket     string  // an ARN, arn:aws:s3:::name
	Prefix     *string
	Encryption *Encryption
}

// Encryption is exactly one of SSE-S3 and SSE-KMS.
type Encryption struct {
	SSES3    bool
	KMSKeyID string // set for SSE-KMS
}

// Filter limits the report to keys with a prefix.
type Filter struct {
	Prefix string
}

// Format is a report format.
type Format string

// Frequency is a report schedule.
type Frequency string

// IncludedObjectVersions selects current or all versions.
type IncludedObjectVersions string

// OptionalField is one column a report may add.
type OptionalField string

// The enumerations S3 accepts, case-sensitively (aws-sdk-go-v2 s3 v1.114.10 model).
const (
	FormatCSV     Format = "CSV"
	FormatORC     Format = "ORC"
	FormatParquet Format = "Parquet"

	Daily  Frequency = "Daily"
	Weekly Frequency = "Weekly"

	AllVersions     IncludedObjectVersions = "All"
	CurrentVersions IncludedObjectVersions = "Current"
)

// The 19 Field values S3 accepts today (aws-sdk-go-v2 s3 v1.114.10), in the model's
// order. Older emulators knew 13 or 16 and refused valid requests of new clients.
const (
	Size                            OptionalField = "Size"
	LastModifiedDate                OptionalField = "LastModifiedDate"
	StorageClass                    OptionalField = "StorageClass"
	ETag                            OptionalField = "ETag"
	IsMultipartUploaded             OptionalField = "IsMultipartUploaded"
	ReplicationStatus               OptionalField = "ReplicationStatus"
	EncryptionStatus                OptionalField = "EncryptionStatus"
	ObjectLockRetainUntilDate       OptionalField = "ObjectLockRetainUntilDate"
	ObjectLockMode                  OptionalField = "ObjectLockMode"
	ObjectLockLegalHoldStatus       OptionalField = "ObjectLockLegalHoldStatus"
	IntelligentTieringAccessTier    OptionalField = "IntelligentTieringAccessTier"
	BucketKeyStatus                 OptionalField = "BucketKeyStatus"
	ChecksumAlgorithm               OptionalField = "ChecksumAlgorithm"
	ObjectAccessControlList         OptionalField = "ObjectAccessControlList"
	ObjectOwner                     OptionalField = "ObjectOwner"
	LifecycleExpirationDate         OptionalField = "LifecycleExpirationDate"
	ObjectLockEventHoldStatus       OptionalField = "ObjectLockEventHoldStatus"
	ObjectLockEventHoldDuration     OptionalField = "ObjectLockEventHoldDuration"
	IntelligentTieringReferenceDate OptionalField = "IntelligentTieringReferenceDate"
)

// optionalFields is the accepted set, in the model's order.
var optionalFields = [...]OptionalField{
	Size, LastModifiedDate, StorageClass, ETag, IsMultipartUploaded, ReplicationStatus,
	EncryptionStatus, ObjectLockRetainUntilDate, ObjectLockMode, ObjectLockLegalHoldStatus,
	IntelligentTieringAccessTier, BucketKeyStatus, ChecksumAlgorithm, ObjectAccessControlList,
	ObjectOwner, LifecycleExpirationDate, ObjectLockEventHoldStatus, ObjectLockEventHoldDuration,
	IntelligentTieringReferenceDate,
}

// OptionalFieldValues returns the Field values S3 accepts, in the model's order; the
// slice is the caller's own.
func OptionalFieldValues() []OptionalField { return append([]OptionalField(nil), optionalFields[:]...) }

// Valid reports whether f is a Field value S3 accepts (case-sensitively: Etag is not).
func (f OptionalField) Valid() bool {
	for _, v := range optionalFields {
		if v == f {
			return true
		}
	}
	return false
}

// Valid reports whether f is a Format S3 accepts.
func (f Format) Valid() bool { return f == FormatCSV || f == FormatORC || f == FormatParquet }

// Valid reports whether f is a Frequency S3 accepts.
func (f Frequency) Valid() bool { return f == Daily || f == Weekly }

// Valid reports whether v is an IncludedObjectVersions value S3 accepts.
func (v IncludedObjectVersions) Valid() bool { return v == AllVersions || v == CurrentVersions }

// MaxIDLength is the longest configuration Id S3 accepts.
const MaxIDLength = 64

// ValidID reports whether id is 1-64 characters of [A-Za-z0-9._-]: characters that
// need no escaping in XML or in a report key.
func ValidID(id string) bool {
	if len(id) == 0 || len(id) > MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}
