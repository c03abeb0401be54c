package mocktest_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/object"
)

var _ = Describe("Start's refusals", func() {
	DescribeTable("name the option and what it refuses",
		func(opt mocktest.Option, fatal string) {
			tb := &recordingTB{}
			Expect(func() { mocktest.Start(tb, opt) }).To(Panic())
			Expect(tb.fatal).To(Equal(fatal))
		},
		Entry("a bucket name S3 refuses", mocktest.Bucket("Bad_Bucket"),
			`mocktest.Start: Bucket("Bad_Bucket"): InvalidBucketName: The specified bucket is not valid.`),
		Entry("a configuration S3 refuses", mocktest.Bucket("reports", dailyXML, "<Inventory/>"),
			`mocktest.Start: Bucket("reports") configuration 2: MalformedXML: The XML you provided was not well-formed or did not validate against our published schema`),
		Entry("objects of a bucket not created", mocktest.Objects("nowhere", object.Mapping{Key: new("a")}),
			`mocktest.Start: Objects("nowhere"): NoSuchBucket: The specified bucket does not exist`),
	)
})
