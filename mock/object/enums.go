package object

// The closed vocabularies of the inventory columns that hold a keyword. Each table
// starts with "" (the empty cell: absent, or a delete marker) so that the index of a
// value is its compact code in Stored. Report spellings and their evidence:
//   - StorageClass: the S3 API's StorageClass values (M, aws-sdk-go-v2 s3 types);
//     STANDARD, STANDARD_IA and GLACIER are seen in real reports (R).
//   - ReplicationStatus PENDING COMPLETED FAILED REPLICA (D, inventory user guide);
//     real reports seen so far hold it empty (R).
//   - EncryptionStatus SSE-S3 SSE-C SSE-KMS NOT-SSE (D; SSE-S3 recorded, R);
//     DSSE-KMS is inferred from the SSE kinds S3 added in 2023 (I).
//   - ObjectLockMode GOVERNANCE COMPLIANCE and legal hold ON OFF: the API
//     spellings (I: the guide's prose says "Governance" and "On").
//   - IntelligentTieringAccessTier: the API's tier names (I).
//   - BucketKeyStatus DISABLED ENABLED (R).
//   - ChecksumAlgorithm: the API's algorithm names (I).
//   - ObjectLockEventHoldStatus ON OFF: our choice, no sample exists (C).

// enumField names one keyword column; its value is the index of its slot in Stored.
type enumField uint8

const (
	enumStorageClass enumField = iota
	enumReplicationStatus
	enumEncryptionStatus
	enumObjectLockMode
	enumObjectLockLegalHoldStatus
	enumIntelligentTieringAccessTier
	enumBucketKeyStatus
	enumChecksumAlgorithm
	enumObjectLockEventHoldStatus
	enumCount
)

// enumName returns the report spelling of code c in field f; ok is false past the
// end of the table. Tables are array literals inside the function so that the
// package holds no mutable state and a lookup allocates nothing.
func enumName(f enumField, c uint8) (name string, ok bool) {
	i := int(c)
	switch f {
	case enumStorageClass:
		t := [...]string{"", StorageClassStandard, "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
			StorageClassIntelligentTiering, "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
			"EXPRESS_ONEZONE"}
		if i < len(t) {
			return t[i], true
		}
	case enumReplicationStatus:
		t := [...]string{"", "PENDING", "COMPLETED", "FAILED", "REPLICA"}
		if i < len(t) {
			return t[i], true
		}
	case enumEncryptionStatus:
		t := [...]string{"", EncryptionSSES3, "SSE-C", EncryptionSSEKMS, "NOT-SSE", EncryptionDSSEKMS}
		if i < len(t) {
			return t[i], true
		}
	case enumObjectLockMode:
		t := [...]string{"", "GOVERNANCE", "COMPLIANCE"}
		if i < len(t) {
			return t[i], true
		}
	case enumObjectLockLegalHoldStatus, enumObjectLockEventHoldStatus:
		t := [...]string{"", "ON", "OFF"}
		if i < len(t) {
			return t[i], true
		}
	case enumIntelligentTieringAccessTier:
		t := [...]string{"", TierFrequent, "INFREQUENT", "ARCHIVE_INSTANT_ACCESS", "ARCHIVE", "DEEP_ARCHIVE"}
		if i < len(t) {
			return t[i], true
		}
	case enumBucketKeyStatus:
		t := [...]string{"", BucketKeyDisabled, BucketKeyEnabled}
		if i < len(t) {
			return t[i], true
		}
	case enumChecksumAlgorithm:
		t := [...]string{"", "CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"}
		if i < len(t) {
			return t[i], true
		}
	}
	return "", false
}

// enumCode returns the code of name in field f; ok is false for a value outside the
// table (the empty value always has code 0).
func enumCode(f enumField, name string) (c uint8, ok bool) {
	for c = 0; ; c++ {
		n, in := enumName(f, c)
		if !in {
			return 0, false
		}
		if n == name {
			return c, true
		}
	}
}

// enumValues lists the non-empty values of f, for error messages.
func enumValues(f enumField) []string {
	var out []string
	for c := uint8(1); ; c++ {
		n, ok := enumName(f, c)
		if !ok {
			return out
		}
		out = append(out, n)
	}
}

// The values the defaults and the generator name.
const (
	// StorageClassStandard is the default StorageClass of an object version.
	StorageClassStandard = "STANDARD"
	// StorageClassIntelligentTiering is the only class whose rows carry an
	// IntelligentTieringAccessTier (R: the column is empty on every other class).
	StorageClassIntelligentTiering = "INTELLIGENT_TIERING"
	// TierFrequent is the default IntelligentTieringAccessTier of an
	// INTELLIGENT_TIERING object: where S3 puts a new object (D, tier list). C as a default.
	TierFrequent = "FREQUENT"
	// EncryptionSSES3 is the default EncryptionStatus: every new object is SSE-S3
	// since 2023-01-05 (D, user guide).
	EncryptionSSES3 = "SSE-S3"
	// EncryptionSSEKMS and EncryptionDSSEKMS are the kinds that take a KMS key id.
	EncryptionSSEKMS  = "SSE-KMS"
	EncryptionDSSEKMS = "DSSE-KMS"
	// BucketKeyDisabled is the default BucketKeyStatus, and the value real reports
	// give delete markers (R).
	BucketKeyDisabled = "DISABLED"
	// BucketKeyEnabled marks an SSE-KMS object encrypted with an S3 Bucket Key.
	BucketKeyEnabled = "ENABLED"
	// OwnerUnavailable is the ObjectOwner S3 reports when the ACL is not available
	// (D, user guide's object ACL page).
	OwnerUnavailable = "UNAVAILABLE"
)
