package mock_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// deliverNow is the clock of the delivery specs: scans fall on 2026-11-25T01:00Z.
var deliverNow = time.Date(2026, 11, 25, 1, 0, 42, 123_000_000, time.UTC)

// inventoryConfig is a daily configuration of the source bucket "src" into
// arn:aws:s3:::reports under the prefix inv.
func inventoryConfig(id string, format types.InventoryFormat, versions types.InventoryIncludedObjectVersions) *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id: aws.String(id), IsEnabled: aws.Bool(true), IncludedObjectVersions: versions,
		Schedule: &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::reports"), Format: format, Prefix: aws.String("inv"),
		}},
		OptionalFields: []types.InventoryOptionalField{types.InventoryOptionalFieldETag, types.InventoryOptionalFieldSize},
	}
}

// putConfig stores cfg on src through the SDK.
func putConfig(client *s3.Client, cfg *types.InventoryConfiguration) {
	GinkgoHelper()
	_, err := client.PutBucketInventoryConfiguration(context.Background(), &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("src"), Id: cfg.Id, InventoryConfiguration: cfg,
	})
	Expect(err).NotTo(HaveOccurred())
}

func seedObjects() []object.Mapping {
	return []object.Mapping{
		{Key: new("logs/b.txt"), Body: new("hello, inventory")},
		{Key: new("logs/a b.txt"), Size: new(int64(12)), StorageClass: new("STANDARD_IA")},
		{Key: new("other/c.txt"), Size: new(int64(3))},
	}
}

func startDeliveries(opts ...mock.Option) (*mocktest.Fake, *s3.Client) {
	clock := mock.WithClock(func() time.Time { return deliverNow })
	fake, client := s3client.Start(GinkgoT(), mocktest.With(append([]mock.Option{clock}, opts...)...),
		mocktest.Bucket("src"), mocktest.Bucket("reports"), mocktest.Objects("src", seedObjects()...))
	return fake, client
}

// objectBody is the stored bytes of key in bucket, read through the Go API.
func objectBody(fake *mocktest.Fake, bucket, key string) object.Version {
	GinkgoHelper()
	v, found, err := fake.Object(bucket, key)
	Expect(err).NotTo(HaveOccurred())
	Expect(found).To(BeTrue(), "no object %s in %s", key, bucket)
	return v
}

var _ = Describe("Deliver", func() {
	When("an ORC configuration put through the SDK is delivered", func() {
		It("writes an .orc data file (an ORC file: it opens with ORC's magic) and a manifest with fileFormat ORC and the struct<...> fileSchema", func() {
			fake, client := startDeliveries()
			putConfig(client, inventoryConfig("daily", types.InventoryFormatOrc, types.InventoryIncludedObjectVersionsCurrent))
			d, err := fake.Deliver("src", "daily")
			Expect(err).NotTo(HaveOccurred())
			Expect(d.Outcome).To(Equal(mock.Delivered))
			Expect(d.Keys[0]).To(MatchRegexp(`^inv/src/daily/data/[0-9a-f-]{36}\.orc$`))
			Expect(string(objectBody(fake, "reports", d.Keys[0]).Body[:3])).To(Equal("ORC"))
			manifest := string(objectBody(fake, "reports", d.ManifestKey).Body)
			Expect(manifest).To(ContainSubstring(`"fileFormat": "ORC",`))
			Expect(manifest).To(ContainSubstring(`"fileSchema": "struct<bucket:string,key:string,size:bigint,e_tag:string>",`))
		})
	})

	When("a CSV configuration put through the SDK is delivered", func() {
		It("writes data, symlink.txt, manifest.json and manifest.checksum under the destination Prefix, as S3 lays them out", func() {
			fake, client := startDeliveries()
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))

			d, err := fake.Deliver("src", "daily")
			Expect(err).NotTo(HaveOccurred())
			Expect(d.Outcome).To(Equal(mock.Delivered))
			Expect(d.Seq).To(Equal(uint64(1)))
			Expect(d.ScanAt).To(Equal(time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)))
			Expect(d.CompletedAt).To(Equal(deliverNow))
			Expect(d.Destination).To(Equal("reports"))
			Expect(d.ManifestKey).To(Equal("inv/src/daily/2026-11-25T01-00Z/manifest.json"))
			Expect(d.Rows).To(Equal(int64(3)))
			Expect(d.Files).To(Equal(1))
			Expect(d.Keys).To(HaveLen(4))
			Expect(d.Keys[0]).To(MatchRegexp(`^inv/src/daily/data/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.csv\.gz$`))
			Expect(d.Keys[1:]).To(Equal([]string{"inv/src/daily/hive/dt=2026-11-25-01-00/symlink.txt",
				"inv/src/daily/2026-11-25T01-00Z/manifest.json", "inv/src/daily/2026-11-25T01-00Z/manifest.checksum"}))
			Expect(d.Faults).To(BeEmpty())
			Expect(fake.Deliveries()).To(Equal([]mock.Delivery{d}))

			manifest := objectBody(fake, "reports", d.ManifestKey)
			data := objectBody(fake, "reports", d.Keys[0])
			Expect(string(manifest.Body)).To(ContainSubstring(`"sourceBucket": "src",` + "\n" +
				`  "destinationBucket": "arn:aws:s3:::reports",`))
			Expect(string(manifest.Body)).To(ContainSubstring(`"fileSchema": "Bucket, Key, Size, ETag",`))
			Expect(string(manifest.Body)).To(ContainSubstring(`"MD5checksum": "` + data.ETag + `"`))
			sum := md5.Sum(manifest.Body)
			checksum := objectBody(fake, "reports", d.Keys[3])
			Expect(string(checksum.Body)).To(Equal(hex.EncodeToString(sum[:]) + "\n"))
			Expect(string(objectBody(fake, "reports", d.Keys[1]).Body)).To(Equal("s3://reports/" + d.Keys[0] + "\n"))
		})

		It("gives every delivered object the headers S3 would: ETag the MD5, binary/octet-stream, SSE-S3 by default, the destination owner, Last-Modified from the clock", func() {
			fake, client := startDeliveries()
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			d, err := fake.Deliver("src", "daily")
			Expect(err).NotTo(HaveOccurred())
			for _, key := range d.Keys {
				v := objectBody(fake, "reports", key)
				sum := md5.Sum(v.Body)
				Expect(v.ETag).To(Equal(hex.EncodeToString(sum[:])), key)
				Expect(v.Size).To(Equal(int64(len(v.Body))), key)
				Expect(v.ContentType).To(Equal("binary/octet-stream"), key)
				Expect(v.EncryptionStatus).To(Equal("SSE-S3"), key)
				Expect(v.KMSKeyID).To(BeEmpty(), key)
				Expect(v.ObjectOwner).To(Equal(mock.CanonicalUserID(mock.DefaultAccount)), key)
				Expect(v.LastModifiedDate).To(Equal(deliverNow.Truncate(time.Millisecond)), key)
				Expect(v.VersionID).To(BeEmpty(), key)
			}
		})

		It("encrypts every delivered object with the configured SSE-KMS key", func() {
			fake, client := startDeliveries()
			cfg := inventoryConfig("kms", types.InventoryFormatParquet, types.InventoryIncludedObjectVersionsAll)
			key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
			cfg.Destination.S3BucketDestination.Encryption = &types.InventoryEncryption{SSEKMS: &types.SSEKMS{KeyId: aws.String(key)}}
			putConfig(client, cfg)
			d, err := fake.Deliver("src", "kms")
			Expect(err).NotTo(HaveOccurred())
			Expect(d.Keys[0]).To(HaveSuffix(".parquet"))
			for _, k := range d.Keys {
				v := objectBody(fake, "reports", k)
				Expect(v.EncryptionStatus).To(Equal("SSE-KMS"), k)
				Expect(v.KMSKeyID).To(Equal(key), k)
			}
		})
	})

	When("the configuration has a Filter prefix and rows past WithRowsPerFile", func() {
		It("lists only the prefix, splits the data files and counts every row", func() {
			fake, client := startDeliveries(mock.WithRowsPerFile(1))
			cfg := inventoryConfig("logs", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent)
			cfg.Filter = &types.InventoryFilter{Prefix: aws.String("logs/")}
			putConfig(client, cfg)
			d, err := fake.Deliver("src", "logs")
			Expect(err).NotTo(HaveOccurred())
			Expect(d.Rows).To(Equal(int64(2)))
			Expect(d.Files).To(Equal(2))
			Expect(d.Keys).To(HaveLen(5))
			symlink := objectBody(fake, "reports", d.Keys[2])
			Expect(string(symlink.Body)).To(Equal("s3://reports/" + d.Keys[0] + "\ns3://reports/" + d.Keys[1] + "\n"))
		})
	})

	When("the same steps run on two servers with the same delivery seed", func() {
		It("writes the same keys and bytes, and a second delivery draws new data keys", func() {
			run := func() ([]string, []byte) {
				fake, client := startDeliveries(mock.WithDeliverySeed(7))
				putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
				first, err := fake.Deliver("src", "daily")
				Expect(err).NotTo(HaveOccurred())
				second, err := fake.Deliver("src", "daily")
				Expect(err).NotTo(HaveOccurred())
				Expect(second.Keys[0]).NotTo(Equal(first.Keys[0]))
				return append(first.Keys, second.Keys...), objectBody(fake, "reports", second.ManifestKey).Body
			}
			keysA, manifestA := run()
			keysB, manifestB := run()
			Expect(keysB).To(Equal(keysA))
			Expect(manifestB).To(Equal(manifestA))
		})
	})

	When("S3 could not make the report", func() {
		DescribeTable("records it as failed with its reason, writes nothing and returns a *DeliveryError",
			func(setup func(*mocktest.Fake, *s3.Client, *types.InventoryConfiguration), reason string) {
				fake, client := startDeliveries()
				cfg := inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent)
				setup(fake, client, cfg)
				putConfig(client, cfg)
				before, _ := fake.Objects("reports")

				d, err := fake.Deliver("src", "daily")
				var de *mock.DeliveryError
				Expect(errors.As(err, &de)).To(BeTrue(), "%v", err)
				Expect(de.Delivery).To(Equal(d))
				Expect(d.Outcome).To(Equal(mock.DeliveryFailed))
				Expect(d.Reason).To(Equal(reason))
				Expect(d.Keys).To(BeEmpty())
				Expect(d.ManifestKey).To(BeEmpty())
				Expect(fake.Deliveries()).To(Equal([]mock.Delivery{d}))
				if after, err := fake.Objects("reports"); err == nil {
					Expect(after).To(Equal(before))
				}
			},
			Entry("a disabled configuration", func(_ *mocktest.Fake, _ *s3.Client, c *types.InventoryConfiguration) {
				c.IsEnabled = aws.Bool(false)
			}, "configuration is disabled (IsEnabled false): S3 generates no inventory list"),
			Entry("a destination bucket the fake does not hold", func(_ *mocktest.Fake, _ *s3.Client, c *types.InventoryConfiguration) {
				c.Destination.S3BucketDestination.Bucket = aws.String("arn:aws:s3:::nowhere")
			}, `destination bucket "nowhere" does not exist`),
			Entry("a destination in another region", func(f *mocktest.Fake, _ *s3.Client, c *types.InventoryConfiguration) {
				Expect(f.AddBucket("eu-reports", mock.InRegion("eu-west-1"))).To(Succeed())
				c.Destination.S3BucketDestination.Bucket = aws.String("arn:aws:s3:::eu-reports")
			}, `destination bucket "eu-reports" is in eu-west-1, the source bucket in us-east-1: the destination must be in the same Region`),
			Entry("an AccountId that does not own the destination", func(_ *mocktest.Fake, _ *s3.Client, c *types.InventoryConfiguration) {
				c.Destination.S3BucketDestination.AccountId = aws.String("999999999999")
			}, `destination bucket "reports" is owned by account 123456789012, not by the configured AccountId 999999999999`),
			Entry("the AWS managed aws/s3 KMS key", func(_ *mocktest.Fake, _ *s3.Client, c *types.InventoryConfiguration) {
				c.Destination.S3BucketDestination.Encryption = &types.InventoryEncryption{SSEKMS: &types.SSEKMS{
					KeyId: aws.String("arn:aws:kms:us-east-1:123456789012:alias/aws/s3")}}
			}, `SSE-KMS key "arn:aws:kms:us-east-1:123456789012:alias/aws/s3" is the AWS managed key aws/s3, which inventory reports cannot use`),
		)

		It("records a missing configuration and returns NoSuchConfiguration", func() {
			fake, _ := startDeliveries()
			d, err := fake.Deliver("src", "nope")
			Expect(errors.Is(err, mock.NoSuchConfiguration)).To(BeTrue())
			Expect(d.Outcome).To(Equal(mock.DeliveryFailed))
			Expect(d.Reason).To(Equal("configuration does not exist"))
			_, err = fake.Deliver("gone", "daily")
			Expect(errors.Is(err, mock.NoSuchBucket)).To(BeTrue())
			Expect(fake.Deliveries()).To(HaveLen(2))
		})
	})

	When("more deliveries are made than WithMaxDeliveryRecords keeps", func() {
		It("drops the oldest records and keeps numbering", func() {
			fake, client := startDeliveries(mock.WithMaxDeliveryRecords(2))
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			for range 3 {
				_, err := fake.Deliver("src", "daily")
				Expect(err).NotTo(HaveOccurred())
			}
			seqs := []uint64{}
			for _, d := range fake.Deliveries() {
				seqs = append(seqs, d.Seq)
			}
			Expect(seqs).To(Equal([]uint64{2, 3}))
		})
	})

	When("every enabled configuration is delivered at once", func() {
		It("skips disabled ones and answers a record per delivery, by bucket then Id", func() {
			fake, client := startDeliveries()
			putConfig(client, inventoryConfig("b-daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			off := inventoryConfig("a-off", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent)
			off.IsEnabled = aws.Bool(false)
			putConfig(client, off)
			putConfig(client, inventoryConfig("c-all", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsAll))
			ds, err := fake.DeliverAll()
			Expect(err).NotTo(HaveOccurred())
			Expect(ds).To(HaveLen(2))
			Expect([]string{ds[0].ID, ds[1].ID}).To(Equal([]string{"b-daily", "c-all"}))
		})
	})
})

var _ = Describe("PutObjects", func() {
	It("refuses a missing bucket with NoSuchBucket", func() {
		fake, _ := startDeliveries()
		err := fake.PutObjects("gone", object.Mapping{Key: new("a")})
		Expect(errors.Is(err, mock.NoSuchBucket)).To(BeTrue())
	})

	It("lists every field problem and puts nothing", func() {
		fake, _ := startDeliveries()
		before, _ := fake.Objects("src")
		err := fake.PutObjects("src",
			object.Mapping{Key: new("fine.txt")},
			object.Mapping{Size: new(int64(-1)), StorageClass: new("COLD")},
		)
		var oe *mock.ObjectsError
		Expect(errors.As(err, &oe)).To(BeTrue())
		Expect(err.Error()).To(Equal(`objects for bucket "src" refused, nothing changed: ` +
			`objects[1].Key: is required; objects[1].Size: must not be negative, got -1; ` +
			`objects[1].StorageClass: must be one of STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, ` +
			`INTELLIGENT_TIERING, GLACIER, DEEP_ARCHIVE, OUTPOSTS, GLACIER_IR, SNOW, EXPRESS_ONEZONE, got "COLD"`))
		after, _ := fake.Objects("src")
		Expect(after).To(Equal(before))
	})
})
