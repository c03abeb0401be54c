package report_test

import (
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

// The ORC data file of the all-fields delivery is fixtures/reports/orc/all-fields.orc;
// package orc's suite reads it back with its independent test reader and finds the
// rows of the CSV golden, typed (see that suite's golden spec).
var _ = Describe("Deliver in ORC", func() {
	var d report.Delivery
	BeforeEach(func() { d = deliver(goldenSpec(report.FormatORC), goldenObjects()) })

	It("writes the golden manifest.json, with the struct<…> fileSchema and no spaces", func() {
		want, err := fixtures.ReportGolden("all-fields-orc", "manifest.json")
		Expect(err).NotTo(HaveOccurred())
		Expect(string(d.Files[2].Body)).To(Equal(string(want)))
		Expect(d.Files[2].Body).To(ContainSubstring(`"fileSchema": "struct<bucket:string,key:string,version_id:string,is_latest:boolean,is_delete_marker:boolean,size:bigint,last_modified_date:timestamp,e_tag:string,`))
	})

	It("writes the golden .orc data file byte for byte, then symlink.txt, manifest and checksum", func() {
		Expect(d.DataKeys).To(Equal([]string{"inventory/amzn-s3-demo-source/all-fields/data/bb2cec66-a55a-4820-8622-cae463b69ca2.orc"}))
		want, err := fixtures.ORCReport("all-fields")
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Files[0].Body).To(Equal(want))
		Expect(d.Files[0].Body[:3]).To(Equal([]byte("ORC")))
		Expect(string(d.Files[1].Body)).To(Equal("s3://amzn-s3-demo-inventory/" + d.DataKeys[0] + "\n"))
		Expect(d.Files[3].Key).To(HaveSuffix("/manifest.checksum"))
		Expect(d.Rows).To(Equal(int64(6)))
	})

	It("writes the same bytes again for the same objects", func() {
		again := deliver(goldenSpec(report.FormatORC), goldenObjects())
		for i := range d.Files {
			Expect(again.Files[i].Body).To(Equal(d.Files[i].Body), d.Files[i].Key)
		}
	})

	When("RowsPerFile splits the rows", func() {
		It("writes one ORC file per slice, each listed with its size and MD5", func() {
			s := goldenSpec(report.FormatORC)
			s.RowsPerFile = 4
			d := deliver(s, goldenObjects())
			Expect(d.DataKeys).To(HaveLen(2))
			m := string(d.Files[3].Body)
			for _, f := range d.Files[:2] {
				Expect(f.Key).To(HaveSuffix(".orc"))
				Expect(m).To(ContainSubstring(f.MD5))
			}
		})
	})

	When("no object is a row", func() {
		It("writes one ORC file with no stripe", func() {
			d := deliver(goldenSpec(report.FormatORC), []object.Version{})
			Expect(d.DataKeys).To(HaveLen(1))
			Expect(d.Rows).To(BeZero())
			Expect(d.Files[0].Body[:3]).To(Equal([]byte("ORC")))
		})
	})

	It("writes a current-only report from the same objects without the delete-marked key", func() {
		s := goldenSpec(report.FormatORC)
		s.IncludedObjectVersions = report.VersionsCurrent
		d, err := report.Deliver(s, slices.Values(goldenObjects()))
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Rows).To(Equal(int64(3)))
		Expect(string(d.Files[2].Body)).To(ContainSubstring(`"fileSchema": "struct<bucket:string,key:string,size:bigint,`))
	})
})
