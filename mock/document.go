package mock

// InventoryConfiguration is the parsed model of an inventory configuration document.
// It is what the store keeps; responses are rendered from it, never from request bytes.
type InventoryConfiguration struct {
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

var (
	formats   = map[string]bool{"CSV": true, "ORC": true, "Parquet": true}
	schedules = map[string]bool{"Daily": true, "Weekly": true}
	versions  = map[string]bool{"All": true, "Current": true}
)

// OptionalFieldValues are the 19 Field values S3 accepts today (aws-sdk-go-v2 s3
// v1.114.10). Older emulators knew 13 or 16 and refused valid requests of new clients.
var OptionalFieldValues = []OptionalField{
	"Size", "LastModifiedDate", "StorageClass", "ETag", "IsMultipartUploaded",
	"ReplicationStatus", "EncryptionStatus", "ObjectLockRetainUntilDate", "ObjectLockMode",
	"ObjectLockLegalHoldStatus", "IntelligentTieringAccessTier", "BucketKeyStatus",
	"ChecksumAlgorithm", "ObjectAccessControlList", "ObjectOwner", "LifecycleExpirationDate",
	"ObjectLockEventHoldStatus", "ObjectLockEventHoldDuration", "IntelligentTieringReferenceDate",
}

var optionalFieldSet = func() map[string]bool {
	m := make(map[string]bool, len(OptionalFieldValues))
	for _, f := range OptionalFieldValues {
		m[string(f)] = true
	}
	return m
}()

// MaxIDLength is the longest configuration Id S3 accepts.
const MaxIDLength = 64

// validID reports whether id is 1-64 characters of [A-Za-z0-9._-].
func validID(id string) bool {
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
