package report_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report"
)

var _ = Describe("Columns", func() {
	It("names every column in CSV and snake_case with its kind, in canonical order", func() {
		var got []string
		for _, c := range report.Columns() {
			got = append(got, c.Name+" "+c.SnakeName+" "+string(c.Kind))
		}
		Expect(got).To(Equal([]string{
			"Bucket bucket string", "Key key string", "VersionId version_id string", "IsLatest is_latest boolean",
			"IsDeleteMarker is_delete_marker boolean", "Size size int64", "LastModifiedDate last_modified_date timestamp",
			"ETag e_tag string", "StorageClass storage_class string", "IsMultipartUploaded is_multipart_uploaded boolean",
			"ReplicationStatus replication_status string", "EncryptionStatus encryption_status string",
			"ObjectLockRetainUntilDate object_lock_retain_until_date timestamp", "ObjectLockMode object_lock_mode string",
			"ObjectLockLegalHoldStatus object_lock_legal_hold_status string",
			"IntelligentTieringAccessTier intelligent_tiering_access_tier string", "BucketKeyStatus bucket_key_status string",
			"ChecksumAlgorithm checksum_algorithm string", "ObjectAccessControlList object_access_control_list string",
			"ObjectOwner object_owner string", "LifecycleExpirationDate lifecycle_expiration_date timestamp",
			"ObjectLockEventHoldStatus object_lock_event_hold_status string",
			"ObjectLockEventHoldDuration object_lock_event_hold_duration string",
			"IntelligentTieringReferenceDate intelligent_tiering_reference_date timestamp",
		}))
	})

	It("spells the ORC fileSchema with no spaces", func() {
		cols, err := report.ReportColumns(report.VersionsAll, []string{"LastModifiedDate", "Size", "ETag"})
		Expect(err).NotTo(HaveOccurred())
		Expect(report.ORCSchema(cols)).To(Equal("struct<bucket:string,key:string,version_id:string,is_latest:boolean,is_delete_marker:boolean,size:bigint,last_modified_date:timestamp,e_tag:string>"))
		Expect(report.CSVSchema(cols)).To(Equal("Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag"))
	})
})

var _ = Describe("EncodeKey", func() {
	DescribeTable("encodes as S3 does for CSV reports and encoding-type=url",
		func(key, want string) { Expect(report.EncodeKey(key)).To(Equal(want)) },
		Entry("space", "a b.txt", "a+b.txt"),
		Entry("plus", "a+b.txt", "a%2Bb.txt"),
		Entry("percent", "100%.csv", "100%25.csv"),
		Entry("equals, slash kept", "dt=2024/x", "dt%3D2024/x"),
		Entry("UTF-8 bytes upper-case", "한글/x.txt", "%ED%95%9C%EA%B8%80/x.txt"),
		Entry("unreserved kept", "AZaz09-_.~/", "AZaz09-_.~/"),
		Entry("other punctuation", `*'()!"`+",", "%2A%27%28%29%21%22%2C"),
		Entry("control byte", "a\x01\n", "a%01%0A"),
	)
})
