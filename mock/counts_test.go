package mock_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("Counts", func() {
	It("counts buckets, configurations and object versions, generated ones included", func() {
		srv, err := loadSeed(objectsSeed)
		Expect(err).NotTo(HaveOccurred())
		// 3 listed versions and 5 keys of 2 generated versions each
		Expect(srv.Counts()).To(Equal(mock.Counts{Buckets: 2, Configurations: 1, Objects: 13}))
	})

	It("is zero for an empty server", func() {
		Expect(mock.New().Counts()).To(Equal(mock.Counts{}))
	})
})
