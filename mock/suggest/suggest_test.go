package suggest_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/suggest"
)

var _ = Describe("Near", func() {
	known := []string{"SEED", "STATE", "SCENARIO", "ADMIN_TOKEN", "ADDR", "SlowDown", "NoSuchBucket", "NoSuchKey"}

	DescribeTable("finds the nearest names",
		func(name string, want []string) {
			Expect(suggest.Near(name, known)).To(Equal(want))
		},
		Entry("one letter more", "SEEDS", []string{"SEED"}),
		Entry("two neighbours swapped", "SEDE", []string{"SEED"}),
		Entry("another case", "slowdown", []string{"SlowDown"}),
		Entry("a part of the name", "TOKEN", []string{"ADMIN_TOKEN"}),
		Entry("the nearest first", "NoSuch", []string{"NoSuchKey", "NoSuchBucket"}),
		Entry("nothing close", "PORT", nil),
		Entry("an empty name", "", nil),
	)
})
