package orc_test

import (
	"bytes"
	"errors"
	"math"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

var _ = Describe("TypeString", func() {
	It("renders the manifest's fileSchema, no spaces", func() {
		Expect(orc.TypeString(inventoryColumns)).To(Equal("struct<bucket:string,key:string,version_id:string," +
			"is_latest:boolean,is_delete_marker:boolean,size:bigint,last_modified_date:timestamp,e_tag:string," +
			"storage_class:string>"))
	})

	It("refuses what NewWriter refuses", func() {
		_, err := orc.TypeString([]orc.Column{{Name: "a b", Kind: orc.String}})
		Expect(err).To(MatchError(`orc: column 0: invalid name "a b" (want ASCII letters, digits, _)`))
	})
})

var _ = Describe("Writer", func() {
	When("given many inventory rows", func() {
		It("reads back every value, nulls included, across row groups and stripes", func() {
			rows := inventoryRows(25_003)
			f := roundTrip(inventoryColumns, rows, orc.WithStripeRows(12_000))
			Expect(f.stripes).To(HaveLen(3))
			Expect(f.stripes[0].u(5)).To(Equal(uint64(12_000)))
			Expect(f.footer.u(8)).To(Equal(uint64(10_000)))
		})

		It("writes the same bytes for the same rows", func() {
			rows := inventoryRows(3000)
			Expect(writeFile(inventoryColumns, rows)).To(Equal(writeFile(inventoryColumns, rows)))
		})

		It("keeps one stripe for a small file and a PRESENT stream only for columns with nulls", func() {
			f := roundTrip(inventoryColumns, inventoryRows(100))
			Expect(f.stripes).To(HaveLen(1))
			var present []uint64
			for _, s := range f.stripeFooters[0].subs(1) {
				if s.u(1) == 0 {
					present = append(present, s.u(2))
				}
			}
			Expect(present).To(Equal([]uint64{3, 6, 8})) // version_id, size, e_tag
		})
	})

	When("WithFastDeflate is given", func() {
		It("reads back every value across row groups and stripes, from other bytes than the default's", func() {
			rows := inventoryRows(25_003)
			f := roundTrip(inventoryColumns, rows, orc.WithStripeRows(12_000), orc.WithFastDeflate())
			Expect(f.stripes).To(HaveLen(3))
			Expect(f.ps.u(2)).To(Equal(uint64(1)), "still ZLIB")
			Expect(writeFile(inventoryColumns, rows, orc.WithFastDeflate())).NotTo(Equal(writeFile(inventoryColumns, rows)))
		})

		It("writes the same bytes for the same rows", func() {
			rows := inventoryRows(3000)
			Expect(writeFile(inventoryColumns, rows, orc.WithFastDeflate())).To(Equal(writeFile(inventoryColumns, rows, orc.WithFastDeflate())))
		})
	})

	It("writes the tail S3's files have", func() {
		f := roundTrip(inventoryColumns, inventoryRows(10))
		Expect(f.ps.packed(4)).To(Equal([]uint64{0, 12}))
		Expect(f.ps.u(3)).To(Equal(uint64(262144)))
		Expect(f.ps.u(6)).To(Equal(uint64(5)))
		Expect(f.footer.has(9)).To(BeFalse(), "no writer field: the Java writer")
		Expect(f.footer.has(5) || f.footer.has(12)).To(BeFalse(), "no user metadata, no software version")
		Expect(f.names).To(Equal([]string{"bucket", "key", "version_id", "is_latest", "is_delete_marker",
			"size", "last_modified_date", "e_tag", "storage_class"}))
		var kinds []uint64
		for _, t := range f.types[1:] {
			kinds = append(kinds, t.u(1))
		}
		Expect(kinds).To(Equal([]uint64{7, 7, 7, 0, 0, 4, 9, 7, 7}))
		Expect(f.types[0].packed(2)).To(Equal([]uint64{1, 2, 3, 4, 5, 6, 7, 8, 9}))
		var encodings []uint64
		for _, e := range f.stripeFooters[0].subs(2) {
			encodings = append(encodings, e.u(1))
		}
		Expect(encodings).To(Equal([]uint64{0, 2, 2, 2, 0, 0, 2, 2, 2, 2}))
	})

	It("records column statistics in the footer and per stripe", func() {
		cols := []orc.Column{{Name: "s", Kind: orc.String}, {Name: "b", Kind: orc.Boolean},
			{Name: "n", Kind: orc.BigInt}, {Name: "t", Kind: orc.Timestamp}}
		t0 := time.Date(2024, 5, 6, 22, 37, 48, 123_000_000, time.UTC)
		f := roundTrip(cols, [][]orc.Value{
			{orc.Str("pear"), orc.Bool(true), orc.Int(-5), orc.Time(t0)},
			{orc.Str("apple"), orc.Bool(false), orc.Null(), orc.Time(t0.Add(time.Hour))},
			{orc.Null(), orc.Bool(true), orc.Int(12), orc.Null()},
		})
		for _, st := range [][]msg{f.stats, f.meta.subs(1)[0].subs(1)} {
			Expect(st[0].u(1)).To(Equal(uint64(3)))
			Expect(st[1].u(1)).To(Equal(uint64(2)))
			Expect(st[1].u(10)).To(Equal(uint64(1)))
			Expect(st[1].sub(4).str(1)).To(Equal("apple"))
			Expect(st[1].sub(4).str(2)).To(Equal("pear"))
			Expect(st[1].sub(4).s(3)).To(Equal(int64(9)))
			Expect(st[2].sub(5).packed(1)).To(Equal([]uint64{2}))
			Expect(st[2].u(10)).To(Equal(uint64(0)))
			Expect([]int64{st[3].sub(2).s(1), st[3].sub(2).s(2), st[3].sub(2).s(3)}).To(Equal([]int64{-5, 12, 7}))
			Expect(st[4].sub(9).s(1)).To(Equal(t0.UnixMilli()))
			Expect(st[4].sub(9).s(2)).To(Equal(t0.Add(time.Hour).UnixMilli()))
		}
	})

	It("writes a file with no rows: no stripe, the schema and empty statistics", func() {
		f := roundTrip(inventoryColumns, nil)
		Expect(f.stripes).To(BeEmpty())
		Expect(f.footer.u(6)).To(Equal(uint64(0)))
		Expect(f.stats).To(HaveLen(10))
		Expect(f.stats[6].sub(2).has(1)).To(BeFalse(), "no minimum without values")
	})

	It("reads back large, small and negative integers", func() {
		var rows [][]orc.Value
		for _, n := range []int64{0, 1, -1, math.MaxInt64, math.MinInt64, 5 << 40, -(5 << 40), 127, 128, -129} {
			for range 4 {
				rows = append(rows, []orc.Value{orc.Int(n)})
			}
			rows = append(rows, []orc.Value{orc.Int(n)}, []orc.Value{orc.Null()})
		}
		f := roundTrip([]orc.Column{{Name: "size", Kind: orc.BigInt}}, rows)
		Expect(f.stats[1].sub(2).has(3)).To(BeFalse(), "no sum once it overflows")
	})

	It("reads back timestamps before 2015 and 1970, with sub-second parts", func() {
		var rows [][]orc.Value
		for _, t := range []time.Time{
			time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2014, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
			time.Date(2009, 2, 13, 23, 31, 30, 1_000, time.UTC),
			time.Date(1969, 12, 31, 23, 59, 58, 500_000_000, time.UTC),
			time.Date(1969, 12, 31, 23, 59, 59, 999_999, time.UTC),
			time.Date(1900, 1, 1, 0, 0, 0, 100_000, time.UTC),
			time.Date(2024, 5, 6, 22, 37, 48, 0, time.FixedZone("CEST", 7200)),
			time.Date(2262, 4, 11, 23, 47, 16, 854_775_807, time.UTC),
			time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		} {
			rows = append(rows, []orc.Value{orc.Time(t)})
		}
		roundTrip([]orc.Column{{Name: "last_modified_date", Kind: orc.Timestamp}}, rows)
	})

	It("reads back booleans and strings across row groups without a row index", func() {
		var rows [][]orc.Value
		for i := range 3000 {
			s := orc.Str(string(rune('a' + i%26)))
			if i%7 == 0 {
				s = orc.Null()
			}
			rows = append(rows, []orc.Value{orc.Bool(i%3 == 0), s})
		}
		cols := []orc.Column{{Name: "b", Kind: orc.Boolean}, {Name: "s", Kind: orc.String}}
		f := roundTrip(cols, rows, orc.WithRowIndexStride(0))
		Expect(f.footer.u(8)).To(Equal(uint64(0)))
		for _, s := range f.stripeFooters[0].subs(1) {
			Expect(s.u(1)).NotTo(Equal(uint64(6)), "no ROW_INDEX stream")
		}
		roundTrip(cols, rows, orc.WithRowIndexStride(100), orc.WithCompressionBlockSize(64))
	})

	DescribeTable("refuses columns and options",
		func(cols []orc.Column, opts []orc.Option, want string) {
			_, err := orc.NewWriter(&bytes.Buffer{}, cols, opts...)
			Expect(err).To(MatchError(want))
		},
		Entry("no columns", nil, nil, "orc: no columns"),
		Entry("empty name", []orc.Column{{Kind: orc.String}}, nil, `orc: column 0: invalid name "" (want ASCII letters, digits, _)`),
		Entry("punctuation", []orc.Column{{Name: "e-tag", Kind: orc.String}}, nil, `orc: column 0: invalid name "e-tag" (want ASCII letters, digits, _)`),
		Entry("duplicate", []orc.Column{{Name: "key", Kind: orc.String}, {Name: "Key", Kind: orc.String}}, nil, `orc: column 1: duplicate name "Key"`),
		Entry("unknown kind", []orc.Column{{Name: "x"}}, nil, `orc: column 0 ("x"): unknown kind Kind(0)`),
		Entry("block size", inventoryColumns, []orc.Option{orc.WithCompressionBlockSize(1 << 23)}, "orc: compression block size 8388608: want 1 to 8388607"),
		Entry("stride", inventoryColumns, []orc.Option{orc.WithRowIndexStride(-1)}, "orc: row index stride -1: want 0 or more"),
		Entry("stripe rows", inventoryColumns, []orc.Option{orc.WithStripeRows(0)}, "orc: stripe rows 0: want 1 or more"),
	)

	DescribeTable("refuses a bad row and goes on",
		func(row []orc.Value, want string) {
			cols := []orc.Column{{Name: "key", Kind: orc.String}, {Name: "t", Kind: orc.Timestamp}}
			var buf bytes.Buffer
			w, err := orc.NewWriter(&buf, cols)
			Expect(err).NotTo(HaveOccurred())
			Expect(w.Write(row)).To(MatchError(want))
			good := []orc.Value{orc.Str("a"), orc.Null()}
			Expect(w.Write(good)).To(Succeed())
			Expect(w.Close()).To(Succeed())
			f, err := readORC(buf.Bytes())
			Expect(err).NotTo(HaveOccurred())
			Expect(f.rows).To(HaveLen(1))
		},
		Entry("too few values", []orc.Value{orc.Str("a")}, "orc: row has 1 values, want 2"),
		Entry("wrong kind", []orc.Value{orc.Int(1), orc.Null()}, "orc: column 0 (key): a bigint value in a string column"),
		Entry("not UTF-8", []orc.Value{orc.Str("\xff"), orc.Null()}, `orc: column 0 (key): string "\xff" is not valid UTF-8`),
		Entry("the second before 1970", []orc.Value{orc.Null(), orc.Time(time.Unix(-1, 5_000_000))},
			"orc: column 1 (t): timestamp 1969-12-31T23:59:59.005Z: ORC readers cannot read back a time within the second before 1970 with a fractional millisecond part"),
	)

	It("returns the first write error from then on, and ErrClosed after Close", func() {
		w, err := orc.NewWriter(failingWriter{}, inventoryColumns, orc.WithStripeRows(1))
		Expect(err).NotTo(HaveOccurred())
		Expect(w.Write(inventoryRows(1)[0])).To(MatchError("orc: disk full"))
		Expect(w.Write(inventoryRows(1)[0])).To(MatchError("orc: disk full"))
		Expect(w.Close()).To(MatchError("orc: disk full"))
		Expect(w.Close()).To(MatchError(orc.ErrClosed))
		Expect(w.Write(nil)).To(MatchError(orc.ErrClosed))
	})
})

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
