package object_test

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/object"
)

var _ = Describe("Filler", func() {
	// sha256("logs/a.txt") = 51d5d6a3... ; the filler repeats its 64 hex digits.
	It("is the hex SHA-256 of the key, repeated", func() {
		f := object.NewFiller("logs/a.txt", 70)
		buf := make([]byte, 70)
		n, err := f.ReadAt(buf, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(Equal(70))
		Expect(string(buf[64:])).To(Equal(string(buf[:6])))
		Expect(string(buf[:5])).To(Equal("51d5d"))
	})

	When("a Range read starts past a block boundary", func() {
		It("answers the same bytes as a full read", func() {
			f := object.NewFiller("k", 1000)
			full := make([]byte, 1000)
			_, err := f.ReadAt(full, 0)
			Expect(err).NotTo(HaveOccurred())
			part := make([]byte, 300)
			_, err = f.ReadAt(part, 130)
			Expect(err).NotTo(HaveOccurred())
			Expect(part).To(Equal(full[130:430]))
		})
	})

	When("the read runs past the end", func() {
		It("returns the bytes left and io.EOF", func() {
			f := object.NewFiller("k", 10)
			buf := make([]byte, 8)
			n, err := f.ReadAt(buf, 5)
			Expect(n).To(Equal(5))
			Expect(err).To(MatchError(io.EOF))
			n, err = f.ReadAt(buf, 10)
			Expect(n).To(Equal(0))
			Expect(err).To(MatchError(io.EOF))
		})
	})

	It("refuses a negative offset", func() {
		_, err := object.NewFiller("k", 10).ReadAt(make([]byte, 1), -1)
		Expect(err).To(MatchError("object: filler read at negative offset -1"))
	})

	It("has the MD5 of its bytes", func() {
		f := object.NewFiller("k", 5000)
		all, err := io.ReadAll(io.NewSectionReader(f, 0, f.Size()))
		Expect(err).NotTo(HaveOccurred())
		Expect(f.MD5()).To(Equal(md5.Sum(all)))
	})
})

var _ = Describe("Filler.ReadAt at any offset and length", func() {
	It("gives, at every offset and length, the bytes of the key's hex SHA-256 repeated", func() {
		const key = "inv/data/part-00000.csv.gz"
		sum := sha256.Sum256([]byte(key))
		whole := []byte(strings.Repeat(hex.EncodeToString(sum[:]), 5000/64+1))[:5000]
		f := object.NewFiller(key, 5000)
		for _, off := range []int64{0, 1, 63, 64, 65, 130, 4999} {
			for _, size := range []int{1, 2, 63, 64, 65, 129, 1000, 6000} {
				p := make([]byte, size)
				n, _ := f.ReadAt(p, off)
				Expect(p[:n]).To(Equal(whole[off:min(off+int64(size), 5000)]), "off %d size %d", off, size)
			}
		}
	})
})
