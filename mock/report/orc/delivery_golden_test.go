package orc_test

import (
	"encoding/csv"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// The data file of the all-fields ORC delivery (fixtures/reports/orc/all-fields.orc,
// written by mock/report, whose suite compares its delivery with it byte for byte)
// must hold the rows of the same delivery in CSV (fixtures/reports/all-fields/data.csv),
// typed by the manifest's fileSchema: keys decoded, empty cells null, dates as
// timestamps. The expected values come from those two goldens, not from the report
// package, and the test reader reads them back.
var _ = Describe("the all-fields ORC delivery", func() {
	var cols []orc.Column
	var rows [][]orc.Value
	BeforeEach(func() {
		m, err := fixtures.ReportGolden("all-fields-orc", "manifest.json")
		Expect(err).NotTo(HaveOccurred())
		cols = schemaColumns(m)
		text, err := fixtures.ReportGolden("all-fields", "data.csv")
		Expect(err).NotTo(HaveOccurred())
		rows = csvRows(cols, string(text))
	})

	It("reads back as the CSV golden's rows, in the fileSchema's names and types", func() {
		b, err := fixtures.ORCReport("all-fields")
		Expect(err).NotTo(HaveOccurred())
		f, err := readORC(b)
		Expect(err).NotTo(HaveOccurred())
		var names []string
		for _, c := range cols {
			names = append(names, c.Name)
		}
		Expect(f.names).To(Equal(names))
		for i, c := range cols {
			Expect(f.types[i+1].u(1)).To(Equal(map[orc.Kind]uint64{orc.String: 7, orc.Boolean: 0, orc.BigInt: 4, orc.Timestamp: 9}[c.Kind]), c.Name)
		}
		Expect(f.rows).To(HaveLen(len(rows)))
		for i := range rows {
			Expect(render(f.rows[i])).To(Equal(render(rows[i])), "row %d", i)
		}
		Expect(f.rows[0][1]).To(Equal(orc.Str("a b+c.txt")), "keys are plain")
		Expect(f.rows[0][2].IsNull()).To(BeTrue(), "the null version's id is null")
	})

	It("is what this package writes for those rows WithFastDeflate, as mock/report asks", func() {
		b, err := fixtures.ORCReport("all-fields")
		Expect(err).NotTo(HaveOccurred())
		Expect(writeFile(cols, rows, orc.WithFastDeflate())).To(Equal(b))
	})
})

// schemaColumns parses the fileSchema of an ORC manifest: struct<name:type,...>.
func schemaColumns(manifest []byte) []orc.Column {
	var m struct{ FileSchema string }
	Expect(json.Unmarshal(manifest, &m)).To(Succeed())
	body, ok := strings.CutPrefix(m.FileSchema, "struct<")
	Expect(ok).To(BeTrue())
	body, ok = strings.CutSuffix(body, ">")
	Expect(ok).To(BeTrue())
	kinds := map[string]orc.Kind{"string": orc.String, "boolean": orc.Boolean, "bigint": orc.BigInt, "timestamp": orc.Timestamp}
	var cols []orc.Column
	for _, field := range strings.Split(body, ",") {
		name, typ, ok := strings.Cut(field, ":")
		Expect(ok).To(BeTrue(), field)
		Expect(kinds).To(HaveKey(typ))
		cols = append(cols, orc.Column{Name: name, Kind: kinds[typ]})
	}
	return cols
}

// csvRows types the cells of a CSV report by cols: an empty cell is null, the key
// (column 1) is URL-decoded, dates are 2006-01-02T15:04:05.000Z.
func csvRows(cols []orc.Column, text string) [][]orc.Value {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	Expect(err).NotTo(HaveOccurred())
	var rows [][]orc.Value
	for _, rec := range recs {
		Expect(rec).To(HaveLen(len(cols)))
		row := make([]orc.Value, len(cols))
		for i, cell := range rec {
			if cell == "" {
				row[i] = orc.Null()
				continue
			}
			switch cols[i].Kind {
			case orc.Boolean:
				b, err := strconv.ParseBool(cell)
				Expect(err).NotTo(HaveOccurred())
				row[i] = orc.Bool(b)
			case orc.BigInt:
				n, err := strconv.ParseInt(cell, 10, 64)
				Expect(err).NotTo(HaveOccurred())
				row[i] = orc.Int(n)
			case orc.Timestamp:
				t, err := time.Parse("2006-01-02T15:04:05.000Z", cell)
				Expect(err).NotTo(HaveOccurred())
				row[i] = orc.Time(t)
			default:
				if cols[i].Name == "key" {
					cell, err = url.QueryUnescape(cell)
					Expect(err).NotTo(HaveOccurred())
				}
				row[i] = orc.Str(cell)
			}
		}
		rows = append(rows, row)
	}
	return rows
}
