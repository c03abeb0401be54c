package object_test

import (
	"errors"
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/object"
)

func generate(g object.GenerateSpec) []object.Version {
	seq, err := object.Generate(g, defaults)
	Expect(err).NotTo(HaveOccurred())
	return slices.Collect(seq)
}

var _ = Describe("Generate", func() {
	It("makes the same objects from the same seed", func() {
		spec := object.GenerateSpec{Count: 50, Prefix: "logs/", Seed: 7}
		Expect(generate(spec)).To(Equal(generate(spec)))
	})

	It("makes other objects from another seed", func() {
		Expect(generate(object.GenerateSpec{Count: 50, Seed: 7})).NotTo(Equal(generate(object.GenerateSpec{Count: 50, Seed: 8})))
	})

	It("names keys by prefix and index and yields them in report order", func() {
		vs := generate(object.GenerateSpec{Count: 200, Prefix: "logs/", Seed: 1})
		Expect(vs).To(HaveLen(200))
		Expect(vs[0].Key).To(HavePrefix("logs/00000000."))
		Expect(slices.IsSortedFunc(vs, func(a, b object.Version) int { return object.Compare(&a, &b) })).To(BeTrue())
		for _, v := range vs {
			Expect(v.VersionID).To(BeEmpty())
			Expect(v.IsLatest).To(BeTrue())
		}
	})

	It("varies sizes, dates and storage classes, each ETag the MD5 of the filler", func() {
		vs := generate(object.GenerateSpec{Count: 500, Seed: 3})
		sizes, dates, classes := map[int64]bool{}, map[int64]bool{}, map[string]bool{}
		for _, v := range vs {
			sizes[v.Size], dates[v.LastModifiedDate.Unix()], classes[v.StorageClass] = true, true, true
			Expect(v.Size).To(BeNumerically("<", object.MaxGeneratedSize))
			Expect(v.LastModifiedDate.Nanosecond()).To(BeZero())
			key, size := v.Key, v.Size
			want, err := object.Resolve(object.Mapping{Key: &key, Size: &size}, defaults)
			Expect(err).NotTo(HaveOccurred())
			Expect(v.ETag).To(Equal(want.ETag))
		}
		Expect(len(sizes)).To(BeNumerically(">", 100))
		Expect(len(dates)).To(BeNumerically(">", 400))
		Expect(classes).To(HaveKey("STANDARD"))
		Expect(classes).To(HaveKey("INTELLIGENT_TIERING"))
		Expect(len(classes)).To(BeNumerically(">=", 4))
	})

	When("versions is above 1", func() {
		It("gives every key that many versions with ids, exactly one latest", func() {
			vs := generate(object.GenerateSpec{Count: 30, Seed: 5, Versions: 3})
			Expect(vs).To(HaveLen(90))
			Expect(slices.IsSortedFunc(vs, func(a, b object.Version) int { return object.Compare(&a, &b) })).To(BeTrue())
			for i := 0; i < len(vs); i += 3 {
				latest := 0
				for _, v := range vs[i : i+3] {
					Expect(v.Key).To(Equal(vs[i].Key))
					Expect(v.VersionID).To(MatchRegexp(`^[0-9A-Za-z._]{32}$`))
					if v.IsLatest {
						latest++
					}
				}
				Expect(latest).To(Equal(1))
			}
		})
	})

	DescribeTable("refuses a bad spec",
		func(g object.GenerateSpec, want ...object.FieldError) {
			_, err := object.Generate(g, defaults)
			var fe object.FieldErrors
			Expect(errors.As(err, &fe)).To(BeTrue())
			Expect([]object.FieldError(fe)).To(Equal(want))
		},
		Entry("no count", object.GenerateSpec{}, object.FieldError{"count", "must be 1 to 10000000, got 0"}),
		Entry("too many", object.GenerateSpec{Count: 10_000_001}, object.FieldError{"count", "must be 1 to 10000000, got 10000001"}),
		Entry("negative versions", object.GenerateSpec{Count: 1, Versions: -1}, object.FieldError{"versions", "must be 0 to 100, got -1"}),
	)
})
