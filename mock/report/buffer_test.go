package report_test

import (
	"bytes"
	"math/rand/v2"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report"
)

var _ = Describe("the data file buffer", func() {
	It("gives back every byte in order across chunks, in a slice of the exact size", func() {
		r := rand.New(rand.NewPCG(1, 2))
		var b report.FileBuffer
		var want bytes.Buffer
		for want.Len() < 10<<20 {
			p := make([]byte, r.IntN(300_000))
			for i := range p {
				p[i] = byte(r.Uint32())
			}
			n, err := b.Write(p)
			Expect(err).NotTo(HaveOccurred())
			Expect(n).To(Equal(len(p)))
			want.Write(p)
		}
		got := b.Bytes()
		Expect(got).To(Equal(want.Bytes()))
		Expect(cap(got)).To(Equal(len(got)))
		Expect(b.Bytes()).To(BeEmpty(), "Bytes releases what it returned")
	})
})
