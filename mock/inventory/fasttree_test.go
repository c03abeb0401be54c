package inventory_test

import (
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// clientBodies are the request bodies of every client's fixtures.
func clientBodies() [][]byte {
	GinkgoHelper()
	var bodies [][]byte
	for _, client := range fixtures.Clients() {
		names, err := fixtures.RequestNames(client)
		Expect(err).NotTo(HaveOccurred())
		for _, name := range names {
			body, err := fixtures.RequestBody(client, name)
			Expect(err).NotTo(HaveOccurred())
			bodies = append(bodies, body)
		}
	}
	return bodies
}

var _ = Describe("the fast document reader", func() {
	It("reads every body the SDKs send, to the tree encoding/xml reads", func() {
		bodies := append([][]byte{[]byte(specGetBody), []byte(goSDKBody), []byte(botoBody), []byte(jsBody), []byte(prettyBody)}, clientBodies()...)
		for _, body := range bodies {
			fast, ok := inventory.FastTree(body)
			Expect(ok).To(BeTrue(), "outside the fast path: %s", body)
			ref, err := wire.ParseTree(body, "InventoryConfiguration")
			Expect(err).NotTo(HaveOccurred())
			Expect(fast).To(Equal(ref))
		}
	})

	It("reads every valid body the SDKs send straight to the model the reference reads", func() {
		bodies := [][]byte{[]byte(specGetBody), []byte(goSDKBody), []byte(botoBody), []byte(jsBody), []byte(prettyBody),
			[]byte("<InventoryConfiguration " + ns + "><Id>a</Id><IsEnabled>false</IsEnabled><Destination><S3BucketDestination>" +
				"<Bucket>arn:aws:s3:::d</Bucket><Format>ORC</Format><Encryption><SSE-S3/></Encryption></S3BucketDestination></Destination>" +
				"<Schedule><Frequency>Weekly</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions><OptionalFields/></InventoryConfiguration>")}
		for _, body := range clientBodies() {
			if _, err := inventory.ParseReference(body); err == nil {
				bodies = append(bodies, body)
			}
		}
		for _, body := range bodies {
			direct, ok := inventory.ReadDirect(body)
			Expect(ok).To(BeTrue(), "outside the direct reader: %s", body)
			ref, err := inventory.ParseReference(body)
			Expect(err).NotTo(HaveOccurred())
			Expect(direct).To(Equal(ref))
			Expect(cap(direct.OptionalFields)).To(Equal(len(direct.OptionalFields)), "room left to append into")
		}
	})

	DescribeTable("leaves to the tree what the direct reader does not accept",
		func(body string) {
			_, ok := inventory.ReadDirect([]byte(body))
			Expect(ok).To(BeFalse())
		},
		Entry("a repeated Id", "<InventoryConfiguration><Id>a</Id><Id>a</Id></InventoryConfiguration>"),
		Entry("a missing Schedule", strings.Replace(goSDKBody, "<Schedule><Frequency>Daily</Frequency></Schedule>", "", 1)),
		Entry("text in a container", strings.Replace(goSDKBody, "<Schedule>", "<Schedule>x", 1)),
		Entry("an unknown element", strings.Replace(goSDKBody, "<Id>", "<Ids>x</Ids><Id>", 1)),
		Entry("an invalid Field", strings.Replace(goSDKBody, "<Field>Size</Field>", "<Field>Etag</Field>", 1)),
		Entry("two kinds of encryption", strings.Replace(goSDKBody, "</SSE-KMS>", "</SSE-KMS><SSE-S3/>", 1)),
		Entry("an empty KMS key", strings.Replace(goSDKBody, "arn:aws:kms:us-east-1:123456789012:key/k1", "", 1)),
		Entry("text after the root", goSDKBody+"x"),
	)

	DescribeTable("leaves to encoding/xml what is outside its shape",
		func(body string) {
			_, ok := inventory.FastTree([]byte(body))
			Expect(ok).To(BeFalse())
		},
		Entry("a comment", "<InventoryConfiguration><!-- x --></InventoryConfiguration>"),
		Entry("a character reference", "<InventoryConfiguration><Id>&#65;</Id></InventoryConfiguration>"),
		Entry("CDATA", "<InventoryConfiguration><Id><![CDATA[a]]></Id></InventoryConfiguration>"),
		Entry("another attribute", `<InventoryConfiguration a="b"></InventoryConfiguration>`),
		Entry("a prefixed name", "<InventoryConfiguration><s3:Id>a</s3:Id></InventoryConfiguration>"),
		Entry("a carriage return", "<InventoryConfiguration>\r\n</InventoryConfiguration>"),
		Entry("non-ASCII text", "<InventoryConfiguration><Id>é</Id></InventoryConfiguration>"),
		Entry("mixed content", "<InventoryConfiguration>a<Id>b</Id></InventoryConfiguration>"),
		Entry("a mismatched end tag", "<InventoryConfiguration><Id>a</ID></InventoryConfiguration>"),
		Entry("another declaration", `<?xml version="1.1"?><InventoryConfiguration/>`),
		Entry("trailing garbage", "<InventoryConfiguration/>x"),
	)

	It("reads the schema's element names and enumerated values without allocating", func() {
		words := []string{"InventoryConfiguration", "Id", "IsEnabled", "Destination",
			"S3BucketDestination", "Format", "AccountId", "Bucket", "Prefix", "Encryption", "SSE-S3",
			"SSE-KMS", "KeyId", "Schedule", "Frequency", "Filter", "IncludedObjectVersions",
			"OptionalFields", "Field", "true", "false", "CSV", "ORC", "Parquet", "Daily", "Weekly",
			"All", "Current"}
		for _, f := range inventory.OptionalFieldValues() {
			words = append(words, string(f))
		}
		for _, w := range words {
			b := []byte(w)
			var kept string
			Expect(testing.AllocsPerRun(10, func() { kept = inventory.Intern(b) })).To(BeZero(), w)
			Expect(kept).To(Equal(w))
			Expect(inventory.Intern(b)).To(Equal(w))
		}
		Expect(inventory.Intern([]byte("Sizes"))).To(Equal("Sizes"))
		Expect(inventory.Intern([]byte(""))).To(Equal(""))
		var kept string // a copy that outlives the call, as a tree's text does
		unknown := []byte("csv")
		Expect(testing.AllocsPerRun(10, func() { kept = inventory.Intern(unknown) })).To(Equal(1.0), "an unknown word is copied")
		Expect(kept).To(Equal("csv"))
	})
})

var _ = Describe("the destination ARN's split", func() {
	DescribeTable("is strings.SplitN(arn, \":\", 6) wherever that gives six parts",
		func(arn string) {
			want := strings.SplitN(arn, ":", 6)
			parts, ok := inventory.SplitARN(arn)
			Expect(ok).To(Equal(len(want) == 6))
			if ok {
				Expect(parts[:]).To(Equal(want))
			}
		},
		Entry("empty", ""), Entry("no colon", "arn"), Entry("four colons", "a:b:c:d:e"),
		Entry("five", "arn:aws:s3:::dest"), Entry("six: the sixth part keeps its colon", "arn:aws:s3:::dest:x"),
		Entry("all empty", ":::::"), Entry("a namespaced ARN", "arn:aws:s3:us-east-1:123456789012:dest"),
	)
})
