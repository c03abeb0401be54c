package mock_test

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("The Go API's errors", func() {
	It("answers a missing bucket with the *Error NoSuchBucket, which errors.Is and errors.As know by its code", func() {
		srv := mock.New()
		_, err := srv.Configurations("nosuch")
		Expect(errors.Is(err, mock.NoSuchBucket)).To(BeTrue())
		Expect(errors.Is(err, mock.NoSuchConfiguration)).To(BeFalse())
		Expect(errors.Is(err, mock.NewError(mock.NoSuchBucket))).To(BeTrue())
		var e *mock.Error
		Expect(errors.As(err, &e)).To(BeTrue())
		Expect(e.Status).To(Equal(404))
		Expect(e.Extra).To(Equal([]mock.Member{{Name: "BucketName", Value: "nosuch"}}))
	})

	It("answers a refused document with the *Error MalformedXML", func() {
		srv := mock.New()
		Expect(srv.AddBucket("reports")).To(Succeed())
		err := srv.PutConfigurationXML("reports", []byte("<nope/>"))
		Expect(errors.Is(err, mock.MalformedXML)).To(BeTrue())
	})

	It("lists the error table's codes in table order, NoSuchBucket first", func() {
		codes := mock.ErrorCodes()
		Expect(codes[:3]).To(Equal([]mock.ErrorCode{mock.NoSuchBucket, mock.NoSuchConfiguration, mock.MalformedXML}))
		Expect(codes).To(Equal(mock.ErrorCodes()), "the same order every call")
	})
})
