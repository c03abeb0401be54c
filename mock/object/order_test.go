package object_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/object"
)

var _ = Describe("Sort", func() {
	It("orders by key then VersionId in byte order, the null version first", func() {
		vs := []object.Version{
			{Key: "b", VersionID: "zl_C"}, {Key: "a", VersionID: "tpinz"}, {Key: "b", VersionID: "gdN1"},
			{Key: "a"}, {Key: "A"}, {Key: "a/b"}, {Key: "a b"},
		}
		object.Sort(vs)
		var got []string
		for _, v := range vs {
			got = append(got, v.Key+"|"+v.VersionID)
		}
		Expect(got).To(Equal([]string{"A|", "a|", "a|tpinz", "a b|", "a/b|", "b|gdN1", "b|zl_C"}))
	})
})
