package report_test

import (
	"bytes"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"

	"github.com/s3invmock/s3invmock/mock/report"
)

var _ = Describe("Deliver in Parquet", func() {
	var (
		d report.Delivery
		f *parquet.File
	)
	BeforeEach(func() {
		d = deliver(goldenSpec(report.FormatParquet), goldenObjects())
		var err error
		f, err = parquet.OpenFile(bytes.NewReader(d.Files[0].Body), d.Files[0].Size)
		Expect(err).NotTo(HaveOccurred())
	})

	It("names its data file .parquet and gives the manifest parquet-mr's schema text", func() {
		Expect(d.DataKeys[0]).To(HaveSuffix(".parquet"))
		Expect(string(d.Files[2].Body)).To(ContainSubstring(`"fileFormat": "Parquet",`))
		Expect(string(d.Files[2].Body)).To(ContainSubstring(`"fileSchema": "message s3.inventory {  required binary bucket (STRING);  required binary key (STRING);  optional binary version_id (STRING);  optional boolean is_latest;  optional boolean is_delete_marker;  optional int64 size;  optional int64 last_modified_date (TIMESTAMP(MILLIS,true));  optional binary e_tag (STRING);`))
		Expect(string(d.Files[2].Body)).To(ContainSubstring(`optional int64 intelligent_tiering_reference_date (TIMESTAMP(MILLIS,true));}",`))
	})

	It("has the golden schema as parquet-go reads it", func() {
		Expect(f.Schema().String() + "\n").To(Equal(string(golden("parquet-schema.txt"))))
	})

	It("declares no logical type on size, and TIMESTAMP_MILLIS on dates", func() {
		md := f.Metadata()
		Expect(md.Schema[6].Name).To(Equal("size"))
		Expect(md.Schema[6].LogicalType.Value).To(BeNil())
		Expect(md.Schema[6].ConvertedType.Valid).To(BeFalse())
		Expect(md.Schema[7].Name).To(Equal("last_modified_date"))
		Expect(md.Schema[7].ConvertedType.Valid).To(BeTrue())
		Expect(md.Schema[7].ConvertedType.V).To(Equal(deprecated.TimestampMillis))
	})

	It("carries parquet-mr's created_by, no key-value metadata, SNAPPY and null counts", func() {
		md := f.Metadata()
		Expect(md.CreatedBy).To(Equal("parquet-mr version 1.12.2 (build 77e30c8093386ec52c3cfa6c34b7ef3321322c94)"))
		Expect(md.KeyValueMetadata).To(BeEmpty())
		Expect(md.RowGroups).To(HaveLen(1))
		for _, c := range md.RowGroups[0].Columns {
			Expect(c.MetaData.Codec.String()).To(Equal("SNAPPY"))
		}
		nulls := map[string]int64{}
		for _, c := range md.RowGroups[0].Columns {
			nulls[c.MetaData.PathInSchema[0]] = c.MetaData.Statistics.NullCount
		}
		Expect(nulls).To(HaveKeyWithValue("version_id", int64(2)))
		Expect(nulls).To(HaveKeyWithValue("size", int64(1)))
		Expect(nulls).To(HaveKeyWithValue("bucket_key_status", int64(0)))
	})

	It("holds the rows in report order, plain keys, nulls where CSV is empty", func() {
		rows := make([]parquet.Row, 10)
		n, _ := f.RowGroups()[0].Rows().ReadRows(rows)
		Expect(n).To(Equal(6))
		var got []string
		for _, r := range rows[:n] {
			got = append(got, r[1].String()+"|"+r[2].String()+"|"+r[5].String()+"|"+r[7].String()+"|"+r[16].String())
		}
		Expect(got).To(Equal([]string{
			"a b+c.txt|<null>|11|5eb63bbbe01eeed093cb22bb8f5acdc3|DISABLED",
			"a b+c.txt|gdN1Rk8bYYvkf0dR.dMIZHiHXBBSHNGA|0|d41d8cd98f00b204e9800998ecf8427e|ENABLED",
			"locked/report.bin|zl_CwQ6vTSZsRWKZu9Dd1bJ7yXQ_1GmP|16777216|0a6e2c1fa41b0e4b2f1e8d3c9b7a6f50-2|DISABLED",
			"logs/dt=2024-05-06/x.json|tpinzVh9kMQmK2wvC8o0yXHbzu2mvFqR|<null>|<null>|DISABLED",
			"logs/dt=2024-05-06/x.json|uX0x9qZ1T0m2o3bD4eE5fF6gG7hH8iI9|2|99914b932bd37a50b983c5e7c90ae93b|DISABLED",
			"한글/ü.txt|<null>|5|5d41402abc4b2a76b9719d911017c592|DISABLED",
		}))
		Expect(rows[0][6].Int64()).To(Equal(scanAt.Add(-2*3600e9 - 22*60e9 - 12e9).UnixMilli()))
	})

	It("writes the same bytes again", func() {
		Expect(deliver(goldenSpec(report.FormatParquet), goldenObjects())).To(Equal(d))
	})
})
