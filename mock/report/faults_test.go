package report_test

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"io"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report"
)

// faulty delivers the golden CSV report with faults.
func faulty(f report.Faults) report.Delivery {
	GinkgoHelper()
	s := goldenSpec(report.FormatCSV)
	s.Faults = f
	return deliver(s, goldenObjects())
}

// members splits a gzip stream into the texts of its members.
func members(b []byte) []string {
	GinkgoHelper()
	br := bytes.NewReader(b)
	var out []string
	for br.Len() > 0 {
		zr, err := gzip.NewReader(br)
		Expect(err).NotTo(HaveOccurred())
		zr.Multistream(false)
		text, err := io.ReadAll(zr)
		Expect(err).NotTo(HaveOccurred())
		out = append(out, string(text))
	}
	return out
}

// manifestFiles reads the files listed in a delivery's manifest.json.
func manifestFiles(d report.Delivery) []map[string]any {
	GinkgoHelper()
	var m struct{ Files []map[string]any }
	Expect(json.Unmarshal(fileOf(d, d.ManifestKey).Body, &m)).To(Succeed())
	return m.Files
}

func fileOf(d report.Delivery, key string) report.File {
	GinkgoHelper()
	i := slices.IndexFunc(d.Files, func(f report.File) bool { return f.Key == key })
	Expect(i).NotTo(Equal(-1), "no file %s", key)
	return d.Files[i]
}

func md5Hex(b []byte) string { s := md5.Sum(b); return hex.EncodeToString(s[:]) }

var _ = Describe("Spec.Faults", func() {
	lines := func(text string) []string { return strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n") }
	rows := func() []string { return strings.SplitAfter(string(golden("data.csv")), "\n")[:6] }

	It("leaves every byte as it was when zero", func() {
		plain, zero := deliver(goldenSpec(report.FormatCSV), goldenObjects()), faulty(report.Faults{})
		Expect(zero.Files).To(Equal(plain.Files))
	})

	When("Split is 4", func() {
		It("writes the six rows in four data files of 2, 2, 1 and 1 rows, each listed with its size and MD5", func() {
			d := faulty(report.Faults{Split: 4})
			Expect(d.DataKeys).To(HaveLen(4))
			var all string
			for i, k := range d.DataKeys {
				text := gunzip(fileOf(d, k).Body)
				Expect(strings.Count(text, "\n")).To(Equal([]int{2, 2, 1, 1}[i]))
				all += text
				Expect(manifestFiles(d)[i]).To(Equal(map[string]any{"key": k,
					"size": float64(fileOf(d, k).Size), "MD5checksum": fileOf(d, k).MD5}))
			}
			Expect(all).To(Equal(string(golden("data.csv"))))
			Expect(d.Rows).To(Equal(int64(6)))
		})
	})

	When("Split exceeds the rows", func() {
		It("writes the extra data files empty", func() {
			d := faulty(report.Faults{Split: 8})
			Expect(d.DataKeys).To(HaveLen(8))
			Expect(gunzip(fileOf(d, d.DataKeys[5]).Body)).To(HaveLen(len(rows()[5])))
			Expect(gunzip(fileOf(d, d.DataKeys[6]).Body)).To(BeEmpty())
			Expect(gunzip(fileOf(d, d.DataKeys[7]).Body)).To(BeEmpty())
		})
	})

	When("MultiMemberGzip is set", func() {
		It("writes one gzip member per row, each with mtime 0 and OS 3, which together are the golden rows", func() {
			body := faulty(report.Faults{MultiMemberGzip: true}).Files[0].Body
			Expect(members(body)).To(Equal(rows()))
			Expect(bytes.Count(body, []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3})).To(Equal(6))
		})

		It("leaves a single-member decoder with the first row only", func() {
			zr, err := gzip.NewReader(bytes.NewReader(faulty(report.Faults{MultiMemberGzip: true}).Files[0].Body))
			Expect(err).NotTo(HaveOccurred())
			zr.Multistream(false)
			text, err := io.ReadAll(zr)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(text)).To(Equal(rows()[0]))
		})
	})

	When("TrailingNewline is set", func() {
		It("adds one LF after the last row's", func() {
			Expect(gunzip(faulty(report.Faults{TrailingNewline: true}).Files[0].Body)).To(Equal(string(golden("data.csv")) + "\n"))
		})
	})

	When("Unsorted is set", func() {
		It("writes the same rows in an order its seed decides", func() {
			a := gunzip(faulty(report.Faults{Unsorted: true, UnsortedSeed: 7}).Files[0].Body)
			Expect(strings.SplitAfter(a, "\n")[:6]).To(ConsistOf(rows()))
			Expect(lines(a)).To(HaveLen(6))
			Expect(a).NotTo(Equal(string(golden("data.csv"))))
			Expect(gunzip(faulty(report.Faults{Unsorted: true, UnsortedSeed: 7}).Files[0].Body)).To(Equal(a))
		})
	})

	When("a file fault is set", func() {
		var plain report.Delivery
		BeforeEach(func() { plain = faulty(report.Faults{}) })

		It("MissingChecksum writes no manifest.checksum", func() {
			d := faulty(report.Faults{MissingChecksum: true})
			Expect(d.Files).To(Equal(plain.Files[:3]))
		})

		It("BadChecksum writes a checksum that is not manifest.json's MD5", func() {
			d := faulty(report.Faults{BadChecksum: true})
			Expect(d.Files[:3]).To(Equal(plain.Files[:3]))
			sum := string(fileOf(d, d.ChecksumKey).Body)
			Expect(sum).To(MatchRegexp(`^[0-9a-f]{32}\n$`))
			Expect(sum).NotTo(Equal(md5Hex(fileOf(d, d.ManifestKey).Body) + "\n"))
		})

		It("BadMD5 lists a wrong MD5checksum for the intact first data file, under a matching checksum", func() {
			d := faulty(report.Faults{BadMD5: true})
			Expect(d.Files[0]).To(Equal(plain.Files[0]))
			Expect(manifestFiles(d)[0]["MD5checksum"]).NotTo(Equal(d.Files[0].MD5))
			Expect(manifestFiles(d)[0]["size"]).To(Equal(float64(d.Files[0].Size)))
			Expect(string(fileOf(d, d.ChecksumKey).Body)).To(Equal(md5Hex(fileOf(d, d.ManifestKey).Body) + "\n"))
		})

		It("Truncated cuts the first data file to half while the manifest keeps its full size and MD5", func() {
			d := faulty(report.Faults{Truncated: true})
			Expect(d.Files[0].Body).To(Equal(plain.Files[0].Body[:len(plain.Files[0].Body)/2]))
			Expect(d.Files[0].Size).To(Equal(int64(len(d.Files[0].Body))))
			Expect(manifestFiles(d)[0]["size"]).To(Equal(float64(plain.Files[0].Size)))
			Expect(manifestFiles(d)[0]["MD5checksum"]).To(Equal(plain.Files[0].MD5))
			Expect(d.Files[1:]).To(Equal(plain.Files[1:]))
		})

		It("MissingFile lists the first data file but writes no object for it", func() {
			d := faulty(report.Faults{MissingFile: true})
			Expect(d.Files).To(Equal(plain.Files[1:]))
			Expect(manifestFiles(d)[0]["key"]).To(Equal(plain.Files[0].Key))
			Expect(d.DataKeys).To(Equal([]string{plain.Files[0].Key}))
		})
	})

	DescribeTable("refuses faults a report cannot have",
		func(format report.Format, f report.Faults, want string) {
			s := goldenSpec(format)
			s.Faults = f
			_, err := report.Deliver(s, slices.Values(goldenObjects()))
			Expect(err).To(MatchError(ContainSubstring(want)))
		},
		Entry("a negative Split", report.FormatCSV, report.Faults{Split: -1}, "Faults.Split must not be negative, got -1"),
		Entry("gzip members in Parquet", report.FormatParquet, report.Faults{MultiMemberGzip: true}, "apply to CSV only, not Parquet"),
		Entry("a trailing newline in ORC", report.FormatORC, report.Faults{TrailingNewline: true}, "apply to CSV only, not ORC"),
	)

	It("splits and shuffles Parquet too", func() {
		s := goldenSpec(report.FormatParquet)
		s.Faults = report.Faults{Split: 2, Unsorted: true, UnsortedSeed: 3}
		Expect(deliver(s, goldenObjects()).DataKeys).To(HaveLen(2))
	})
})
