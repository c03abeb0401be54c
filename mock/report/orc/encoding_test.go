package orc_test

import (
	"bytes"
	"math"
	"math/rand/v2"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// The byte sequences below are the worked examples of the ORC v1 specification's
// "Compression" and "Run Length Encoding" sections.
var _ = Describe("the test reader's decoders", func() {
	DescribeTable("decode the specification's RLE v2 examples",
		func(b []byte, signed bool, want []int64) {
			Expect(decodeRLEv2(b, signed)).To(Equal(want))
		},
		Entry("SHORT_REPEAT", []byte{0x0a, 0x27, 0x10}, false, []int64{10000, 10000, 10000, 10000, 10000}),
		Entry("DIRECT", []byte{0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef}, false,
			[]int64{23713, 43806, 57005, 48879}),
		Entry("PATCHED_BASE", []byte{0x8e, 0x13, 0x2b, 0x21, 0x07, 0xd0, 0x1e, 0x00, 0x14, 0x70, 0x28, 0x32,
			0x3c, 0x46, 0x50, 0x5a, 0x64, 0x6e, 0x78, 0x82, 0x8c, 0x96, 0xa0, 0xaa, 0xb4, 0xbe, 0xfc, 0xe8}, false,
			[]int64{2030, 2000, 2020, 1000000, 2040, 2050, 2060, 2070, 2080, 2090, 2100, 2110, 2120, 2130,
				2140, 2150, 2160, 2170, 2180, 2190}),
		Entry("DELTA", []byte{0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46}, false,
			[]int64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29}),
	)

	It("decodes the byte RLE examples: a hundred zeros, then two literals", func() {
		Expect(decodeByteRLE([]byte{0x61, 0x00, 0xfe, 0x44, 0x45})).To(Equal(append(make([]byte, 100), 0x44, 0x45)))
	})

	It("decodes the boolean example: one true then seven false", func() {
		Expect(decodeBoolRLE([]byte{0xff, 0x80})).To(Equal([]bool{true, false, false, false, false, false, false, false}))
	})

	It("rejects a chunk that expands beyond the block size", func() {
		_, err := decompress(orc.Compress(make([]byte, 100), 100), 99)
		Expect(err).To(MatchError(ContainSubstring("block is 99")))
	})
})

var _ = Describe("the writer's encoders", func() {
	DescribeTable("write the specification's RLE v2 examples byte for byte",
		func(vs []int64, want []byte) {
			Expect(orc.EncodeRLEv2(vs, false)).To(Equal(want))
		},
		Entry("SHORT_REPEAT", []int64{10000, 10000, 10000, 10000, 10000}, []byte{0x0a, 0x27, 0x10}),
		Entry("DIRECT", []int64{23713, 43806, 57005, 48879},
			[]byte{0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef}),
		Entry("DELTA", []int64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29},
			[]byte{0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46}),
	)

	It("writes the byte RLE examples", func() {
		Expect(orc.EncodeByteRLE(append(make([]byte, 100), 0x44, 0x45))).To(Equal([]byte{0x61, 0x00, 0xfe, 0x44, 0x45}))
	})

	It("stores a chunk that does not compress, flagged original", func() {
		Expect(orc.Compress([]byte("abcde"), 262144)).To(Equal([]byte{0x0b, 0x00, 0x00, 'a', 'b', 'c', 'd', 'e'}))
	})

	It("cuts compression chunks at the block size", func() {
		p := bytes.Repeat([]byte("inventory"), 1000)
		Expect(decompress(orc.Compress(p, 1000), 1000)).To(Equal(p))
	})

	DescribeTable("round-trips integer sequences through the test reader",
		func(signed bool, gen func(r *rand.Rand) int64) {
			r := rand.New(rand.NewPCG(1, 2))
			for _, n := range []int{1, 2, 3, 10, 11, 511, 512, 513, 2000} {
				vs := make([]int64, n)
				for i := range vs {
					vs[i] = gen(r)
				}
				Expect(decodeRLEv2(orc.EncodeRLEv2(vs, signed), signed)).To(Equal(vs), "n=%d", n)
			}
		},
		Entry("random signed", true, func(r *rand.Rand) int64 { return int64(r.Uint64()) }),
		Entry("extremes", true, func(r *rand.Rand) int64 {
			return []int64{math.MinInt64, math.MaxInt64, 0, -1, 1}[r.IntN(5)]
		}),
		Entry("small negative", true, func(r *rand.Rand) int64 { return r.Int64N(7) - 3 }),
		Entry("runs", true, func(r *rand.Rand) int64 { return int64(r.IntN(2)) * 1 << 40 }),
		Entry("unsigned sizes", false, func(r *rand.Rand) int64 { return r.Int64N(1 << 35) }),
		Entry("unsigned huge", false, func(r *rand.Rand) int64 { return int64(r.Uint64() >> 1) }),
	)

	It("round-trips monotonic and constant sequences", func() {
		for _, vs := range [][]int64{
			seq(1000, func(i int) int64 { return 1_700_000_000 + int64(i)*3 }),
			seq(1000, func(i int) int64 { return 5 - int64(i*i) }),
			seq(600, func(int) int64 { return 42 }),
			seq(7, func(int) int64 { return -9 }),
			seq(300, func(i int) int64 { return int64(i / 4) }),
			{math.MaxInt64, math.MinInt64, math.MaxInt64},
		} {
			Expect(decodeRLEv2(orc.EncodeRLEv2(vs, true), true)).To(Equal(vs))
		}
	})

	It("round-trips byte sequences with runs and literals", func() {
		r := rand.New(rand.NewPCG(3, 4))
		var bs []byte
		for range 200 {
			v, n := byte(r.IntN(4)), 1+r.IntN(300)
			for range n {
				bs = append(bs, v)
			}
			bs = append(bs, byte(r.IntN(256)))
		}
		Expect(decodeByteRLE(orc.EncodeByteRLE(bs))).To(Equal(bs))
	})
})

func seq(n int, f func(int) int64) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}
