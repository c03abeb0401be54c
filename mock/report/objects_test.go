package report_test

import (
	"slices"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

const owner = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"

var scanAt = time.Date(2024, 5, 7, 1, 0, 0, 0, time.UTC)

// allFields lists every optional field, in an order other than the canonical one and
// with a duplicate, as a configuration may.
func allFields() []string {
	return []string{
		"IntelligentTieringReferenceDate", "Size", "LastModifiedDate", "ETag", "StorageClass", "IsMultipartUploaded",
		"ReplicationStatus", "EncryptionStatus", "ObjectLockRetainUntilDate", "ObjectLockMode",
		"ObjectLockLegalHoldStatus", "IntelligentTieringAccessTier", "BucketKeyStatus", "ChecksumAlgorithm",
		"ObjectAccessControlList", "ObjectOwner", "LifecycleExpirationDate", "ObjectLockEventHoldStatus",
		"ObjectLockEventHoldDuration", "Size",
	}
}

// goldenObjects is the source bucket of the all-fields goldens, in report order: a
// null version and an older version of a key with a space and a "+", a key whose
// latest version is a delete marker, a multipart object under Object Lock, and a
// non-ASCII key.
func goldenObjects() []object.Version {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	acl := object.DefaultACL(owner)
	vs := []object.Version{
		{Key: "a b+c.txt", IsLatest: true, Size: 11, LastModifiedDate: at("2024-05-06T22:37:48Z"),
			ETag: "5eb63bbbe01eeed093cb22bb8f5acdc3", StorageClass: "STANDARD", EncryptionStatus: "SSE-S3",
			BucketKeyStatus: "DISABLED", ObjectAccessControlList: acl, ObjectOwner: owner},
		{Key: "a b+c.txt", VersionID: "gdN1Rk8bYYvkf0dR.dMIZHiHXBBSHNGA", Size: 0, LastModifiedDate: at("2024-05-01T10:00:00Z"),
			ETag: "d41d8cd98f00b204e9800998ecf8427e", StorageClass: "STANDARD_IA", ReplicationStatus: "COMPLETED",
			EncryptionStatus: "SSE-KMS", BucketKeyStatus: "ENABLED", ChecksumAlgorithm: "CRC32",
			ObjectAccessControlList: acl, ObjectOwner: owner},
		{Key: "locked/report.bin", VersionID: "zl_CwQ6vTSZsRWKZu9Dd1bJ7yXQ_1GmP", IsLatest: true, Size: 16777216,
			LastModifiedDate: at("2024-04-30T08:15:00Z"), ETag: "0a6e2c1fa41b0e4b2f1e8d3c9b7a6f50-2", StorageClass: "INTELLIGENT_TIERING",
			IsMultipartUploaded: true, ReplicationStatus: "PENDING", EncryptionStatus: "DSSE-KMS", BucketKeyStatus: "DISABLED",
			ObjectLockRetainUntilDate: at("2025-05-07T00:00:00Z"), ObjectLockMode: "COMPLIANCE", ObjectLockLegalHoldStatus: "ON",
			IntelligentTieringAccessTier: "ARCHIVE_INSTANT_ACCESS", ChecksumAlgorithm: "SHA256",
			ObjectAccessControlList: acl, ObjectOwner: owner, LifecycleExpirationDate: at("2026-01-01T00:00:00Z"),
			ObjectLockEventHoldStatus: "ON", ObjectLockEventHoldDuration: "30",
			IntelligentTieringReferenceDate: at("2024-05-01T00:00:00Z")},
		{Key: "logs/dt=2024-05-06/x.json", VersionID: "tpinzVh9kMQmK2wvC8o0yXHbzu2mvFqR", IsLatest: true, IsDeleteMarker: true,
			LastModifiedDate: at("2024-05-06T12:00:00Z"), BucketKeyStatus: "DISABLED"},
		{Key: "logs/dt=2024-05-06/x.json", VersionID: "uX0x9qZ1T0m2o3bD4eE5fF6gG7hH8iI9", Size: 2,
			LastModifiedDate: at("2024-05-06T11:59:59Z"), ETag: "99914b932bd37a50b983c5e7c90ae93b", StorageClass: "GLACIER",
			EncryptionStatus: "NOT-SSE", BucketKeyStatus: "DISABLED", ObjectAccessControlList: acl, ObjectOwner: owner},
		{Key: "한글/ü.txt", IsLatest: true, Size: 5, LastModifiedDate: at("2024-05-02T03:04:05Z"),
			ETag: "5d41402abc4b2a76b9719d911017c592", StorageClass: "STANDARD", EncryptionStatus: "SSE-C",
			BucketKeyStatus: "DISABLED", ObjectAccessControlList: acl, ObjectOwner: owner},
	}
	if !slices.IsSortedFunc(vs, func(a, b object.Version) int { return object.Compare(&a, &b) }) {
		panic("goldenObjects out of report order")
	}
	return vs
}

// goldenSpec is the configuration of the all-fields goldens.
func goldenSpec(f report.Format) report.Spec {
	return report.Spec{
		SourceBucket: "amzn-s3-demo-source", ConfigurationID: "all-fields", Format: f,
		IncludedObjectVersions: report.VersionsAll, OptionalFields: allFields(),
		DestinationBucketARN: "arn:aws:s3:::amzn-s3-demo-inventory", DestinationPrefix: "inventory/",
		ScanAt: scanAt, UUIDSeed: 12,
	}
}
