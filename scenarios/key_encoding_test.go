package scenarios_test

import (
	"context"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// S3 writes a space in a CSV report's key as "+" (a cloud-custodian issue: "URL-encoded
// with space encoded as plus"), the form of encoding-type=url listings; a consumer
// that decodes only %XX (one decodes keys with a percent decoder) reads the wrong key.
var _ = Describe("A delivered CSV report's keys", func() {
	It("spell a space as +: url.PathUnescape reads a+b.txt, which is no object, and url.QueryUnescape reads a b.txt", func() {
		fake, c := reportFake(nil, types.InventoryFormatCsv, "daily")
		d := deliver(fake, "daily")
		text, err := allMembers(mustGet(c, readManifest(c, d).Files[0].Key))
		Expect(err).NotTo(HaveOccurred())
		field := strings.Trim(strings.Split(strings.SplitN(text, "\n", 2)[0], ",")[1], `"`)
		Expect(field).To(Equal("a+b.txt"))

		head := func(key string) string {
			_, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("logs"), Key: aws.String(key)})
			return apiCode(err)
		}
		wrong, err := url.PathUnescape(field)
		Expect(err).NotTo(HaveOccurred())
		Expect(wrong).To(Equal("a+b.txt"))
		Expect(head(wrong)).To(Equal("NotFound"))
		right, err := url.QueryUnescape(field)
		Expect(err).NotTo(HaveOccurred())
		Expect(right).To(Equal("a b.txt"))
		Expect(head(right)).To(BeEmpty())
	})
})
