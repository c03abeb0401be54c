package report_test

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"io"
	"slices"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

func golden(name string) []byte {
	b, err := fixtures.ReportGolden("all-fields", name)
	Expect(err).NotTo(HaveOccurred())
	return b
}

func deliver(s report.Spec, vs []object.Version) report.Delivery {
	d, err := report.Deliver(s, slices.Values(vs))
	Expect(err).NotTo(HaveOccurred())
	return d
}

func gunzip(b []byte) string {
	br := bytes.NewReader(b)
	zr, err := gzip.NewReader(br)
	Expect(err).NotTo(HaveOccurred())
	zr.Multistream(false)
	out, err := io.ReadAll(zr)
	Expect(err).NotTo(HaveOccurred())
	Expect(br.Len()).To(BeZero(), "bytes after the first gzip member")
	return string(out)
}

var _ = Describe("Deliver", func() {
	When("a CSV report lists every version with every optional field", func() {
		var d report.Delivery
		BeforeEach(func() { d = deliver(goldenSpec(report.FormatCSV), goldenObjects()) })

		It("writes data, symlink.txt, manifest.json and manifest.checksum, in that order, under the layout keys", func() {
			var keys []string
			for _, f := range d.Files {
				keys = append(keys, f.Key)
				Expect(f.ContentType).To(Equal("binary/octet-stream"))
				sum := md5.Sum(f.Body)
				Expect(f.MD5).To(Equal(hex.EncodeToString(sum[:])))
				Expect(f.Size).To(Equal(int64(len(f.Body))))
			}
			Expect(keys).To(Equal([]string{
				"inventory/amzn-s3-demo-source/all-fields/data/bb2cec66-a55a-4820-8622-cae463b69ca2.csv.gz",
				"inventory/amzn-s3-demo-source/all-fields/hive/dt=2024-05-07-01-00/symlink.txt",
				"inventory/amzn-s3-demo-source/all-fields/2024-05-07T01-00Z/manifest.json",
				"inventory/amzn-s3-demo-source/all-fields/2024-05-07T01-00Z/manifest.checksum",
			}))
			Expect(d.ManifestKey).To(Equal(keys[2]))
			Expect(d.ChecksumKey).To(Equal(keys[3]))
			Expect(d.SymlinkKey).To(Equal(keys[1]))
			Expect(d.DataKeys).To(Equal(keys[:1]))
			Expect(d.Rows).To(Equal(int64(6)))
		})

		It("writes the golden rows", func() {
			Expect(gunzip(d.Files[0].Body)).To(Equal(string(golden("data.csv"))))
		})

		It("writes one gzip member with mtime 0 and OS byte 3 at a fixed level", func() {
			// ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=4 (fastest, for BestSpeed) OS=3
			Expect(d.Files[0].Body[:10]).To(Equal([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3}))
		})

		It("writes the golden manifest", func() {
			Expect(string(d.Files[2].Body)).To(Equal(string(golden("manifest.json"))))
		})

		It("checksums the manifest as 32 lowercase hex digits and LF", func() {
			sum := md5.Sum(d.Files[2].Body)
			Expect(string(d.Files[3].Body)).To(Equal(hex.EncodeToString(sum[:]) + "\n"))
		})

		It("lists each data file in symlink.txt as an s3:// URL of the destination", func() {
			Expect(string(d.Files[1].Body)).To(Equal("s3://amzn-s3-demo-inventory/" + d.DataKeys[0] + "\n"))
		})

		It("writes the same bytes again", func() {
			again := deliver(goldenSpec(report.FormatCSV), goldenObjects())
			Expect(again).To(Equal(d))
		})
	})

	When("the report lists current versions only", func() {
		It("drops old versions and keys whose latest version is a delete marker, and the version columns", func() {
			s := goldenSpec(report.FormatCSV)
			s.IncludedObjectVersions, s.OptionalFields = report.VersionsCurrent, []string{"Size"}
			d := deliver(s, goldenObjects())
			Expect(gunzip(d.Files[0].Body)).To(Equal(
				`"amzn-s3-demo-source","a+b%2Bc.txt","11"` + "\n" +
					`"amzn-s3-demo-source","locked/report.bin","16777216"` + "\n" +
					`"amzn-s3-demo-source","%ED%95%9C%EA%B8%80/%C3%BC.txt","5"` + "\n"))
			Expect(string(d.Files[2].Body)).To(ContainSubstring(`"fileSchema": "Bucket, Key, Size",`))
		})
	})

	When("a filter prefix is set", func() {
		It("keeps only the keys under it", func() {
			s := goldenSpec(report.FormatCSV)
			s.FilterPrefix, s.OptionalFields = "logs/", nil
			d := deliver(s, goldenObjects())
			Expect(gunzip(d.Files[0].Body)).To(Equal(
				`"amzn-s3-demo-source","logs/dt%3D2024-05-06/x.json","tpinzVh9kMQmK2wvC8o0yXHbzu2mvFqR","true","true"` + "\n" +
					`"amzn-s3-demo-source","logs/dt%3D2024-05-06/x.json","uX0x9qZ1T0m2o3bD4eE5fF6gG7hH8iI9","false","false"` + "\n"))
		})
	})

	When("the rows outnumber RowsPerFile", func() {
		It("splits them into contiguous files listed in order of their first row", func() {
			s := goldenSpec(report.FormatCSV)
			s.RowsPerFile, s.OptionalFields = 4, nil
			d := deliver(s, goldenObjects())
			Expect(d.DataKeys).To(HaveLen(2))
			Expect(strings.Count(gunzip(d.Files[0].Body), "\n")).To(Equal(4))
			Expect(gunzip(d.Files[1].Body)).To(HavePrefix(`"amzn-s3-demo-source","logs/dt%3D2024-05-06/x.json","uX0x`))
			m := string(d.Files[3].Body)
			Expect(strings.Index(m, d.DataKeys[0])).To(BeNumerically("<", strings.Index(m, d.DataKeys[1])))
			Expect(string(d.Files[2].Body)).To(Equal("s3://amzn-s3-demo-inventory/" + d.DataKeys[0] + "\n" +
				"s3://amzn-s3-demo-inventory/" + d.DataKeys[1] + "\n"))
		})

		It("writes no empty file when the rows fill the last one exactly", func() {
			s := goldenSpec(report.FormatCSV)
			s.RowsPerFile = 3
			Expect(deliver(s, goldenObjects()).DataKeys).To(HaveLen(2))
		})
	})

	When("the source has no rows", func() {
		It("writes one empty data file", func() {
			d := deliver(goldenSpec(report.FormatCSV), nil)
			Expect(d.DataKeys).To(HaveLen(1))
			Expect(d.Rows).To(BeZero())
			Expect(gunzip(d.Files[0].Body)).To(BeEmpty())
		})
	})

	When("the destination prefix has no final slash, or none is set", func() {
		It("joins it with one slash, or starts keys at the source name", func() {
			s := goldenSpec(report.FormatCSV)
			s.DestinationPrefix = "inv"
			Expect(deliver(s, nil).ManifestKey).To(Equal("inv/amzn-s3-demo-source/all-fields/2024-05-07T01-00Z/manifest.json"))
			s.DestinationPrefix = ""
			Expect(deliver(s, nil).ManifestKey).To(Equal("amzn-s3-demo-source/all-fields/2024-05-07T01-00Z/manifest.json"))
		})
	})

	When("the scan instant is not on a whole minute", func() {
		It("names and stamps the minute it falls in", func() {
			s := goldenSpec(report.FormatCSV)
			s.ScanAt = scanAt.Add(59*1e9 + 999)
			d := deliver(s, nil)
			Expect(d.ManifestKey).To(ContainSubstring("/2024-05-07T01-00Z/"))
			Expect(string(d.Files[2].Body)).To(ContainSubstring(`"creationTimestamp": "1715043600000",`))
		})
	})

	When("another UUID seed is given", func() {
		It("names other data files", func() {
			s := goldenSpec(report.FormatCSV)
			s.UUIDSeed = 13
			Expect(deliver(s, nil).DataKeys[0]).To(MatchRegexp(`/data/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.csv\.gz$`))
			Expect(deliver(s, nil).DataKeys[0]).NotTo(Equal(deliver(goldenSpec(report.FormatCSV), nil).DataKeys[0]))
		})
	})

	It("refuses objects out of report order", func() {
		vs := goldenObjects()
		vs[0], vs[1] = vs[1], vs[0]
		_, err := report.Deliver(goldenSpec(report.FormatCSV), slices.Values(vs))
		Expect(err).To(MatchError(`report: objects out of report order: "a b+c.txt" version "" after "a b+c.txt" version "gdN1Rk8bYYvkf0dR.dMIZHiHXBBSHNGA"`))
	})

	DescribeTable("refuses a bad Spec",
		func(edit func(*report.Spec), want string) {
			s := goldenSpec(report.FormatCSV)
			edit(&s)
			_, err := report.Deliver(s, nil)
			Expect(err).To(MatchError(want))
		},
		Entry("no source", func(s *report.Spec) { s.SourceBucket = "" }, "report: SourceBucket is empty"),
		Entry("a bucket name for an ARN", func(s *report.Spec) { s.DestinationBucketARN = "dest" },
			`report: DestinationBucketARN must be arn:aws:s3:::name, got "dest"`),
		Entry("a lower-case versions value", func(s *report.Spec) { s.IncludedObjectVersions = "all" },
			`report: IncludedObjectVersions must be All or Current, got "all"`),
		Entry("an unknown format", func(s *report.Spec) { s.Format = "JSON" }, `report: Format must be CSV, ORC or Parquet, got "JSON"`),
		Entry("negative rows per file", func(s *report.Spec) { s.RowsPerFile = -1 }, "report: RowsPerFile must not be negative, got -1"),
		Entry("no scan instant and no id", func(s *report.Spec) { s.ScanAt, s.ConfigurationID = time.Time{}, "" },
			"report: ConfigurationID is empty\nreport: ScanAt is zero"),
		Entry("an unknown optional field", func(s *report.Spec) { s.OptionalFields = []string{"Size", "Owner"} },
			`report: unknown optional field "Owner" (want one of Size, LastModifiedDate, ETag, StorageClass, IsMultipartUploaded, ReplicationStatus, EncryptionStatus, ObjectLockRetainUntilDate, ObjectLockMode, ObjectLockLegalHoldStatus, IntelligentTieringAccessTier, BucketKeyStatus, ChecksumAlgorithm, ObjectAccessControlList, ObjectOwner, LifecycleExpirationDate, ObjectLockEventHoldStatus, ObjectLockEventHoldDuration, IntelligentTieringReferenceDate)`),
	)
})
