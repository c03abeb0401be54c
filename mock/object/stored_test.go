package object_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/object"
)

var _ = Describe("Stored", func() {
	It("gives back every field of a version with all columns set", func() {
		at := time.Date(2025, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
		v := object.Version{
			Key: "a b+c", VersionID: "tpinzVh9", IsLatest: true, Size: 42, LastModifiedDate: at,
			ETag: "0123456789abcdef0123456789abcdef-3", StorageClass: "INTELLIGENT_TIERING", IsMultipartUploaded: true,
			ReplicationStatus: "REPLICA", EncryptionStatus: "SSE-KMS", ObjectLockRetainUntilDate: at.Add(time.Hour),
			ObjectLockMode: "COMPLIANCE", ObjectLockLegalHoldStatus: "ON", IntelligentTieringAccessTier: "ARCHIVE",
			BucketKeyStatus: "ENABLED", ChecksumAlgorithm: "CRC64NVME", ObjectAccessControlList: object.DefaultACL(owner),
			ObjectOwner: owner, LifecycleExpirationDate: at.Add(48 * time.Hour), ObjectLockEventHoldStatus: "OFF",
			ObjectLockEventHoldDuration: "30", IntelligentTieringReferenceDate: at.Add(-time.Hour),
			Body: []byte("0123456789" + "0123456789" + "0123456789" + "0123456789" + "01"), ContentType: "text/plain",
			KMSKeyID: "arn:aws:kms:us-east-1:111122223333:key/k",
		}
		var p object.Packer
		s, err := p.Pack(v)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Key()).To(Equal("a b+c"))
		Expect(s.VersionID()).To(Equal("tpinzVh9"))
		Expect(s.Version()).To(Equal(v))
	})

	It("gives back a delete marker with empty columns", func() {
		v := object.Version{Key: "k", IsDeleteMarker: true, BucketKeyStatus: "DISABLED", LastModifiedDate: time.UnixMilli(0).UTC()}
		var p object.Packer
		s, err := p.Pack(v)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.Version()).To(Equal(v))
	})

	It("refuses a keyword outside the report vocabulary", func() {
		var p object.Packer
		_, err := p.Pack(object.Version{Key: "k", StorageClass: "standard"})
		Expect(err).To(MatchError(`object: pack "k": "standard" is not a report value of its field`))
	})

	It("refuses an ETag in another spelling", func() {
		var p object.Packer
		_, err := p.Pack(object.Version{Key: "k", ETag: `"abc"`})
		Expect(err).To(MatchError(`object: pack "k": ETag must be 32 lowercase hex digits without quotes, optionally -N, got "\"abc\""`))
	})
})
