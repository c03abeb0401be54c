package object_test

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/object"
)

const owner = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"

var defaults = object.Defaults{Owner: owner, LastModified: time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)}

func ptr[T any](v T) *T { return &v }

var _ = Describe("Resolve", func() {
	When("a seeded object gives only its Key and Body", func() {
		It("defaults every other column as a fresh PutObject would", func() {
			v, err := object.Resolve(object.Mapping{Key: ptr("a b+c.txt"), Body: ptr("hello")}, defaults)
			Expect(err).NotTo(HaveOccurred())
			sum := md5.Sum([]byte("hello"))
			Expect(v).To(Equal(object.Version{
				Key: "a b+c.txt", IsLatest: true, Size: 5, LastModifiedDate: defaults.LastModified,
				ETag: hex.EncodeToString(sum[:]), StorageClass: "STANDARD", EncryptionStatus: "SSE-S3",
				BucketKeyStatus: "DISABLED", ObjectOwner: owner, Body: []byte("hello"),
				ObjectAccessControlList: base64.StdEncoding.EncodeToString([]byte(
					`{"version":"2022-11-10","status":"AVAILABLE","grants":[{"permission":"FULL_CONTROL","type":"CanonicalUser","canonicalId":"` + owner + `"}]}`)),
			}))
		})
	})

	When("a seeded object has a Size and no Body", func() {
		It("takes the MD5 of the filler as its ETag", func() {
			v, err := object.Resolve(object.Mapping{Key: ptr("k"), Size: ptr(int64(200))}, defaults)
			Expect(err).NotTo(HaveOccurred())
			r, n := v.Content()
			buf := make([]byte, n)
			_, err = r.ReadAt(buf, 0)
			Expect(err).NotTo(HaveOccurred())
			sum := md5.Sum(buf)
			Expect(v.ETag).To(Equal(hex.EncodeToString(sum[:])))
		})
	})

	When("a multipart object gives no ETag", func() {
		It("gets the ETag of a one-part upload, md5 of the part md5 and -1", func() {
			v, err := object.Resolve(object.Mapping{Key: ptr("k"), Body: ptr("x"), IsMultipartUploaded: ptr(true)}, defaults)
			Expect(err).NotTo(HaveOccurred())
			part := md5.Sum([]byte("x"))
			outer := md5.Sum(part[:])
			Expect(v.ETag).To(Equal(hex.EncodeToString(outer[:]) + "-1"))
		})
	})

	When("the ETag has a part count", func() {
		It("marks the version multipart", func() {
			v, err := object.Resolve(object.Mapping{Key: ptr("k"), ETag: ptr("0123456789abcdef0123456789abcdef-12")}, defaults)
			Expect(err).NotTo(HaveOccurred())
			Expect(v.IsMultipartUploaded).To(BeTrue())
		})
	})

	When("the version is a delete marker", func() {
		It("keeps only the columns a delete marker reports", func() {
			v, err := object.Resolve(object.Mapping{Key: ptr("k"), VersionID: ptr("null"), IsDeleteMarker: ptr(true),
				LastModifiedDate: ptr("2024-05-06T22:37:48Z")}, defaults)
			Expect(err).NotTo(HaveOccurred())
			Expect(v).To(Equal(object.Version{Key: "k", IsLatest: true, IsDeleteMarker: true, BucketKeyStatus: "DISABLED",
				LastModifiedDate: time.Date(2024, 5, 6, 22, 37, 48, 0, time.UTC)}))
		})
	})

	When("the object is INTELLIGENT_TIERING", func() {
		It("defaults its access tier to FREQUENT", func() {
			v, err := object.Resolve(object.Mapping{Key: ptr("k"), StorageClass: ptr("INTELLIGENT_TIERING")}, defaults)
			Expect(err).NotTo(HaveOccurred())
			Expect(v.IntelligentTieringAccessTier).To(Equal("FREQUENT"))
		})
	})

	DescribeTable("refuses a bad mapping with the field's name",
		func(m object.Mapping, want ...object.FieldError) {
			_, err := object.Resolve(m, defaults)
			var fe object.FieldErrors
			Expect(errors.As(err, &fe)).To(BeTrue(), "error %v", err)
			Expect([]object.FieldError(fe)).To(Equal(want))
		},
		Entry("no Key", object.Mapping{}, object.FieldError{"Key", "is required"}),
		Entry("negative Size", object.Mapping{Key: ptr("k"), Size: ptr(int64(-1))}, object.FieldError{"Size", "must not be negative, got -1"}),
		Entry("Size beside a Body of another length", object.Mapping{Key: ptr("k"), Size: ptr(int64(3)), Body: ptr("ab")},
			object.FieldError{"Size", "is 3 but Body has 2 bytes"}),
		Entry("unknown StorageClass", object.Mapping{Key: ptr("k"), StorageClass: ptr("standard")},
			object.FieldError{"StorageClass", `must be one of STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, DEEP_ARCHIVE, OUTPOSTS, GLACIER_IR, SNOW, EXPRESS_ONEZONE, got "standard"`}),
		Entry("date that is not RFC 3339", object.Mapping{Key: ptr("k"), LastModifiedDate: ptr("2024-05-06 22:37")},
			object.FieldError{"LastModifiedDate", `must be an RFC 3339 date such as 2024-05-06T22:37:48.000Z, got "2024-05-06 22:37"`}),
		Entry("quoted ETag", object.Mapping{Key: ptr("k"), ETag: ptr(`"0123456789abcdef0123456789abcdef"`)},
			object.FieldError{"ETag", `must be 32 lowercase hex digits without quotes, optionally -N, got "\"0123456789abcdef0123456789abcdef\""`}),
		Entry("ETag part count 0", object.Mapping{Key: ptr("k"), ETag: ptr("0123456789abcdef0123456789abcdef-0")},
			object.FieldError{"ETag", `part count must be 1 to 10000, got "0123456789abcdef0123456789abcdef-0"`}),
		Entry("single-part ETag on a multipart object", object.Mapping{Key: ptr("k"), IsMultipartUploaded: ptr(true), ETag: ptr("0123456789abcdef0123456789abcdef")},
			object.FieldError{"IsMultipartUploaded", `is true but ETag "0123456789abcdef0123456789abcdef" says otherwise (multipart ETags end in -N)`}),
		Entry("ACL that is not base64", object.Mapping{Key: ptr("k"), ObjectAccessControlList: ptr("{}")},
			object.FieldError{"ObjectAccessControlList", "is not standard base64: illegal base64 data at input byte 0"}),
		Entry("access tier on STANDARD", object.Mapping{Key: ptr("k"), IntelligentTieringAccessTier: ptr("FREQUENT")},
			object.FieldError{"IntelligentTieringAccessTier", "is only reported for StorageClass INTELLIGENT_TIERING, not STANDARD"}),
		Entry("retention mode without a date", object.Mapping{Key: ptr("k"), ObjectLockMode: ptr("GOVERNANCE")},
			object.FieldError{"ObjectLockMode", "and ObjectLockRetainUntilDate go together (D: a retention is a mode and a date)"}),
		Entry("KMS key on SSE-S3", object.Mapping{Key: ptr("k"), KMSKeyID: ptr("arn:aws:kms:us-east-1:111122223333:key/x")},
			object.FieldError{"KMSKeyId", "needs EncryptionStatus SSE-KMS or DSSE-KMS, got SSE-S3"}),
		Entry("bucket key without SSE-KMS", object.Mapping{Key: ptr("k"), BucketKeyStatus: ptr("ENABLED")},
			object.FieldError{"BucketKeyStatus", "ENABLED needs EncryptionStatus SSE-KMS (D: bucket keys serve SSE-KMS only), got SSE-S3"}),
		Entry("delete marker with a Size and a Body", object.Mapping{Key: ptr("k"), IsDeleteMarker: ptr(true), Size: ptr(int64(1)), Body: ptr("x")},
			object.FieldError{"Size", "a delete marker has none (its report row leaves it empty)"},
			object.FieldError{"Body", "a delete marker has none (its report row leaves it empty)"}),
		Entry("event hold duration that is not days", object.Mapping{Key: ptr("k"), ObjectLockEventHoldDuration: ptr("1d")},
			object.FieldError{"ObjectLockEventHoldDuration", `must be a whole number of days, got "1d"`}),
		Entry("several problems at once", object.Mapping{Key: ptr(""), Size: ptr(int64(-2)), ChecksumAlgorithm: ptr("MD5")},
			object.FieldError{"Key", "is required"}, object.FieldError{"Size", "must not be negative, got -2"},
			object.FieldError{"ChecksumAlgorithm", `must be one of CRC32, CRC32C, SHA1, SHA256, CRC64NVME, got "MD5"`}),
	)

	It("refuses Defaults without an owner", func() {
		_, err := object.Resolve(object.Mapping{Key: ptr("k")}, object.Defaults{LastModified: time.Now()})
		Expect(err).To(MatchError("object: Defaults.Owner is empty"))
	})
})
