package mock_test

import (
	"errors"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("LoadState of a hand-written document S3 would call MalformedXML", func() {
	It("says which element is wrong after S3's message", func() {
		doc := strings.Replace(objectsSeed, "<Frequency>Daily", "<Frequency>Hourly", 1)
		_, err := loadSeed(doc)
		var se *mock.StateError
		Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
		Expect(se.Problems).To(Equal([]mock.StateProblem{{
			Line: 4, Path: "buckets[0].inventory[0]", Bucket: "src", ID: "daily", Code: mock.MalformedXML,
			Message: mock.NewError(mock.MalformedXML).Message + ": <Frequency>Hourly</Frequency>: not Daily or Weekly",
		}}))
	})
})
