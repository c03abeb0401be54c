package orc_test

import (
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// goldenCase is one file under fixtures/reports/orc. ORC_UPDATE_GOLDEN=1 rewrites
// them (go test ./mock/report/orc); review the diff and SOURCES.md before committing.
type goldenCase struct {
	cols []orc.Column
	rows [][]orc.Value
}

var lastModified = time.Date(2024, 5, 6, 22, 37, 48, 0, time.UTC)

var goldenCases = map[string]goldenCase{
	// IncludedObjectVersions=Current with Size, LastModifiedDate, ETag, StorageClass.
	"current": {
		cols: []orc.Column{
			{Name: "bucket", Kind: orc.String}, {Name: "key", Kind: orc.String},
			{Name: "size", Kind: orc.BigInt}, {Name: "last_modified_date", Kind: orc.Timestamp},
			{Name: "e_tag", Kind: orc.String}, {Name: "storage_class", Kind: orc.String},
		},
		rows: [][]orc.Value{
			{orc.Str("amzn-s3-demo-source-bucket"), orc.Str("a.txt"), orc.Int(5), orc.Time(lastModified),
				orc.Str("d41d8cd98f00b204e9800998ecf8427e"), orc.Str("STANDARD")},
			{orc.Str("amzn-s3-demo-source-bucket"), orc.Str("dir/b c.bin"), orc.Int(1 << 33), orc.Time(lastModified.Add(time.Second)),
				orc.Str("9b2cf535f27731c974343645a3985328-2"), orc.Str("STANDARD_IA")},
			{orc.Str("amzn-s3-demo-source-bucket"), orc.Str("z"), orc.Int(0), orc.Time(lastModified.Add(time.Hour)),
				orc.Str("d41d8cd98f00b204e9800998ecf8427e"), orc.Str("GLACIER")},
		},
	},
	// IncludedObjectVersions=All with Size and LastModifiedDate: a null version, a
	// delete marker (null size) and a second version of one key.
	"all-versions": {
		cols: []orc.Column{
			{Name: "bucket", Kind: orc.String}, {Name: "key", Kind: orc.String},
			{Name: "version_id", Kind: orc.String}, {Name: "is_latest", Kind: orc.Boolean},
			{Name: "is_delete_marker", Kind: orc.Boolean}, {Name: "size", Kind: orc.BigInt},
			{Name: "last_modified_date", Kind: orc.Timestamp},
		},
		rows: [][]orc.Value{
			{orc.Str("src"), orc.Str("a.txt"), orc.Null(), orc.Bool(true), orc.Bool(false), orc.Int(5), orc.Time(lastModified)},
			{orc.Str("src"), orc.Str("b.txt"), orc.Str("gdN1RzZUYp8pGc0m.wqTuCv0Fi5T3vQE"), orc.Bool(false), orc.Bool(false),
				orc.Int(7), orc.Time(lastModified.Add(-time.Minute))},
			{orc.Str("src"), orc.Str("b.txt"), orc.Str("zl_C6wDp0cwNX8DbIWYvaOl4JpQ5Ou6I"), orc.Bool(true), orc.Bool(true),
				orc.Null(), orc.Time(lastModified.Add(time.Minute))},
		},
	},
}

var _ = Describe("golden files", func() {
	It("has a case for every file", func() {
		names, err := fixtures.ORCReportNames()
		Expect(err).NotTo(HaveOccurred())
		// all-fields.orc is a report delivery's data file; its spec is in
		// delivery_golden_test.go, and mock/report writes it.
		Expect(names).To(ConsistOf("all-versions", "current", "all-fields"))
	})

	for name, c := range goldenCases {
		It("writes "+name+".orc byte for byte, and the test reader reads its rows", func() {
			got := writeFile(c.cols, c.rows)
			if os.Getenv("ORC_UPDATE_GOLDEN") == "1" {
				Expect(os.WriteFile(filepath.Join("..", "..", "..", "fixtures", "reports", "orc", name+".orc"), got, 0o644)).To(Succeed())
			}
			want, err := fixtures.ORCReport(name)
			Expect(err).NotTo(HaveOccurred())
			Expect(got).To(Equal(want))
			f, err := readORC(want)
			Expect(err).NotTo(HaveOccurred())
			Expect(f.rows).To(HaveLen(len(c.rows)))
			for i := range c.rows {
				Expect(render(f.rows[i])).To(Equal(render(c.rows[i])))
			}
		})
	}
})
