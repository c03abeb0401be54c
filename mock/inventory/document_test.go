package inventory_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

const ns = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`

// specGetBody is fixtures/FACTS.md section 2's Get body, byte for byte.
const specGetBody = `<?xml version="1.0" encoding="UTF-8"?><InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>report1</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format><AccountId>123456789012</AccountId><Bucket>arn:aws:s3:::dest</Bucket><Prefix>p1</Prefix><Encryption><SSE-KMS><KeyId>arn:aws:kms:us-east-1:123456789012:key/k1</KeyId></SSE-KMS></Encryption></S3BucketDestination></Destination><Schedule><Frequency>Daily</Frequency></Schedule><Filter><Prefix>logs/</Prefix></Filter><IncludedObjectVersions>All</IncludedObjectVersions><OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields></InventoryConfiguration>`

// The fixtures/FACTS.md section 2 document as three clients order it.
const (
	goSDKBody  = `<InventoryConfiguration ` + ns + `><Destination><S3BucketDestination><AccountId>123456789012</AccountId><Bucket>arn:aws:s3:::dest</Bucket><Encryption><SSE-KMS><KeyId>arn:aws:kms:us-east-1:123456789012:key/k1</KeyId></SSE-KMS></Encryption><Format>CSV</Format><Prefix>p1</Prefix></S3BucketDestination></Destination><Filter><Prefix>logs/</Prefix></Filter><Id>report1</Id><IncludedObjectVersions>All</IncludedObjectVersions><IsEnabled>true</IsEnabled><OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`
	botoBody   = `<InventoryConfiguration ` + ns + `><Destination><S3BucketDestination><AccountId>123456789012</AccountId><Bucket>arn:aws:s3:::dest</Bucket><Format>CSV</Format><Prefix>p1</Prefix><Encryption><SSE-KMS><KeyId>arn:aws:kms:us-east-1:123456789012:key/k1</KeyId></SSE-KMS></Encryption></S3BucketDestination></Destination><IsEnabled>true</IsEnabled><Filter><Prefix>logs/</Prefix></Filter><Id>report1</Id><IncludedObjectVersions>All</IncludedObjectVersions><OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`
	jsBody     = `<?xml version="1.0" encoding="UTF-8"?><InventoryConfiguration ` + ns + `><Id>report1</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format><AccountId>123456789012</AccountId><Bucket>arn:aws:s3:::dest</Bucket><Prefix>p1</Prefix><Encryption><SSE-KMS><KeyId>arn:aws:kms:us-east-1:123456789012:key/k1</KeyId></SSE-KMS></Encryption></S3BucketDestination></Destination><Schedule><Frequency>Daily</Frequency></Schedule><Filter><Prefix>logs/</Prefix></Filter><IncludedObjectVersions>All</IncludedObjectVersions><OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields></InventoryConfiguration>`
	prettyBody = "<InventoryConfiguration " + ns + ">\n  <Id>report1</Id>\n  <IsEnabled>true</IsEnabled>\n  <Destination>\n    <S3BucketDestination>\n      <Format>CSV</Format>\n      <AccountId>123456789012</AccountId>\n      <Bucket>arn:aws:s3:::dest</Bucket>\n      <Prefix>p1</Prefix>\n      <Encryption><SSE-KMS><KeyId>arn:aws:kms:us-east-1:123456789012:key/k1</KeyId></SSE-KMS></Encryption>\n    </S3BucketDestination>\n  </Destination>\n  <Schedule><Frequency>Daily</Frequency></Schedule>\n  <Filter><Prefix>logs/</Prefix></Filter>\n  <IncludedObjectVersions>All</IncludedObjectVersions>\n  <OptionalFields>\n    <Field>Size</Field>\n    <Field>ETag</Field>\n  </OptionalFields>\n</InventoryConfiguration>\n"
)

// minimalDocument is a valid body for id with only the required elements.
func minimalDocument(id string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily` +
		`</Frequency></Schedule><IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`)
}

// minimalWith returns the minimal document for id "bad" with one change applied.
func minimalWith(old, new string) string {
	doc := string(minimalDocument("bad"))
	Expect(doc).To(ContainSubstring(old))
	return strings.Replace(doc, old, new, 1)
}

var _ = Describe("Decode and Document", func() {
	DescribeTable("any client's child order renders to S3's canonical bytes",
		func(body string) {
			cfg, e := inventory.Decode([]byte(body), "report1")
			Expect(e).To(BeNil())
			Expect(string(cfg.Document())).To(Equal(specGetBody))
		},
		Entry("aws-sdk-go-v2, alphabetical", goSDKBody),
		Entry("botocore, caller's order", botoBody),
		Entry("JS SDK v3, with a prolog", jsBody),
		Entry("a pretty-printed document", prettyBody),
	)

	DescribeTable("SSE-S3 in either spelling comes back self-closing",
		func(sse string) {
			cfg, e := inventory.Decode([]byte(minimalWith(
				"</Bucket>", "</Bucket><Encryption>"+sse+"</Encryption>")), "bad")
			Expect(e).To(BeNil())
			Expect(string(cfg.Document())).To(ContainSubstring("<Bucket>arn:aws:s3:::dest</Bucket><Encryption><SSE-S3/></Encryption></S3BucketDestination>"))
		},
		Entry("Go SDK", "<SSE-S3></SSE-S3>"), Entry("botocore", "<SSE-S3 />"), Entry("JS SDK", "<SSE-S3/>"),
	)

	It("echoes <OptionalFields/> only when the PUT carried an empty element", func() {
		cfg, e := inventory.Decode([]byte(minimalWith("</InventoryConfiguration>", "<OptionalFields></OptionalFields></InventoryConfiguration>")), "bad")
		Expect(e).To(BeNil())
		Expect(string(cfg.Document())).To(HaveSuffix("<IncludedObjectVersions>All</IncludedObjectVersions><OptionalFields/></InventoryConfiguration>"))
		cfg, e = inventory.Decode(minimalDocument("bad"), "bad")
		Expect(e).To(BeNil())
		Expect(string(cfg.Document())).To(HaveSuffix("<IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>"))
	})

	It("escapes text as XML and keeps its value", func() {
		cfg, e := inventory.Decode([]byte(minimalWith("</Schedule>", "</Schedule><Filter><Prefix>a&amp;b&lt;c</Prefix></Filter>")), "bad")
		Expect(e).To(BeNil())
		Expect(cfg.Filter.Prefix).To(Equal("a&b<c"))
		Expect(string(cfg.Document())).To(ContainSubstring("<Filter><Prefix>a&amp;b&lt;c</Prefix></Filter>"))
	})

	It("accepts each of the 19 optional fields", func() {
		for _, f := range inventory.OptionalFieldValues() {
			_, e := inventory.Decode([]byte(minimalWith("</InventoryConfiguration>",
				"<OptionalFields><Field>"+string(f)+"</Field></OptionalFields></InventoryConfiguration>")), "bad")
			Expect(e).To(BeNil(), string(f))
		}
		Expect(inventory.OptionalFieldValues()).To(HaveLen(19))
	})

	DescribeTable("refuses schema violations with 400 MalformedXML",
		func(body string) {
			_, e := inventory.Decode([]byte(body), "bad")
			Expect(e).NotTo(BeNil())
			Expect(e.Code).To(Equal(mock.MalformedXML))
			Expect(e.Status).To(Equal(400))
			Expect(e.Message).To(Equal("The XML you provided was not well-formed or did not validate against our published schema"))
		},
		Entry("bad Format", minimalWith("<Format>CSV</Format>", "<Format>JSON</Format>")),
		Entry("Format in the wrong case", minimalWith("<Format>CSV</Format>", "<Format>csv</Format>")),
		Entry("bad Frequency", minimalWith("Daily", "Hourly")),
		Entry("bad IncludedObjectVersions", minimalWith(">All<", ">Some<")),
		Entry("Field Etag (wrong case)", minimalWith("</InventoryConfiguration>", "<OptionalFields><Field>Etag</Field></OptionalFields></InventoryConfiguration>")),
		Entry("missing Schedule", minimalWith("<Schedule><Frequency>Daily</Frequency></Schedule>", "")),
		Entry("missing Id", minimalWith("<Id>bad</Id>", "")),
		Entry("missing IsEnabled", minimalWith("<IsEnabled>true</IsEnabled>", "")),
		Entry("missing Destination", minimalWith("<Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination>", "")),
		Entry("missing Bucket", minimalWith("<Bucket>arn:aws:s3:::dest</Bucket>", "")),
		Entry("missing IncludedObjectVersions", minimalWith("<IncludedObjectVersions>All</IncludedObjectVersions>", "")),
		Entry("Filter without Prefix", minimalWith("</Schedule>", "</Schedule><Filter></Filter>")),
		Entry("an unknown element", minimalWith("</Schedule>", "</Schedule><Color>red</Color>")),
		Entry("a repeated element", minimalWith("<IsEnabled>true</IsEnabled>", "<IsEnabled>true</IsEnabled><IsEnabled>true</IsEnabled>")),
		Entry("IsEnabled yes", minimalWith(">true<", ">yes<")),
		Entry("an empty Encryption", minimalWith("</Bucket>", "</Bucket><Encryption/>")),
		Entry("both SSE-S3 and SSE-KMS", minimalWith("</Bucket>", "</Bucket><Encryption><SSE-S3/><SSE-KMS><KeyId>k</KeyId></SSE-KMS></Encryption>")),
		Entry("SSE-KMS without KeyId", minimalWith("</Bucket>", "</Bucket><Encryption><SSE-KMS></SSE-KMS></Encryption>")),
		Entry("an Id of 65 characters", string(minimalDocument(strings.Repeat("a", 65)))),
		Entry("an Id with a space", string(minimalDocument("a b"))),
		Entry("an empty body", ""),
		Entry("not well-formed", "<InventoryConfiguration "+ns+"><Id>bad</Id>"),
		Entry("another root", "<LifecycleConfiguration "+ns+"/>"),
		Entry("another namespace", strings.Replace(string(minimalDocument("bad")), "2006-03-01", "2010-01-01", 1)),
		Entry("trailing garbage after the root", string(minimalDocument("bad"))+"<x/>"),
		Entry("a DOCTYPE with an entity", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "bad">]>`+minimalWith("<Id>bad</Id>", "<Id>&e;</Id>")),
		Entry("text beside elements", minimalWith("<IsEnabled>", "oops<IsEnabled>")),
	)

	It("checks the Id match after the schema and the ARN after the Id", func() {
		bad := minimalWith("arn:aws:s3:::dest", "dest")
		_, e := inventory.Decode([]byte(bad), "other")
		Expect(e.Code).To(Equal(mock.IdMismatch))
		_, e = inventory.Decode([]byte(bad), "bad")
		Expect(e.Code).To(Equal(mock.InvalidS3DestinationBucket))
		Expect(e.Message).To(Equal("Invalid bucket ARN."))
		_, e = inventory.Decode([]byte(minimalWith("arn:aws:s3:::dest", "arn:aws:s3::123456789012:dest")), "bad")
		Expect(e.Message).To(Equal("Bucket ARN should not specify a namespace."))
	})
})
