package inventory_test

import (
	"errors"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

var _ = Describe("Parse's reasons", func() {
	DescribeTable("name the element and what is wrong, and stay ErrNotWellFormed",
		func(doc, reason string) {
			_, err := inventory.Parse([]byte(doc))
			Expect(errors.Is(err, wire.ErrNotWellFormed)).To(BeTrue(), "%v", err)
			Expect(err).To(MatchError(reason))
			_, e := inventory.Decode([]byte(doc), "bad")
			Expect(e.Code).To(Equal(wire.MalformedXML))
			Expect(e.Message).To(Equal(wire.New(wire.MalformedXML).Message), "the wire keeps S3's words")
		},
		Entry("a frequency", minimalWith("<Frequency>Daily", "<Frequency>Hourly"), "<Frequency>Hourly</Frequency>: not Daily or Weekly"),
		Entry("a format", minimalWith("<Format>CSV", "<Format>XLS"), "<Format>XLS</Format>: not CSV, ORC or Parquet"),
		Entry("IsEnabled", minimalWith("<IsEnabled>true", "<IsEnabled>yes"), "<IsEnabled>yes</IsEnabled>: not true or false"),
		Entry("IncludedObjectVersions", minimalWith("<IncludedObjectVersions>All", "<IncludedObjectVersions>Every"),
			"<IncludedObjectVersions>Every</IncludedObjectVersions>: not All or Current"),
		Entry("an Id", minimalWith("<Id>bad", "<Id>b d"), "<Id>b d</Id>: not 1 to 64 of the characters A-Z a-z 0-9 . _ -"),
		Entry("a long value, cut", minimalWith("<Format>CSV", "<Format>"+strings.Repeat("x", 70)),
			"<Format>"+strings.Repeat("x", 64)+"...</Format>: not CSV, ORC or Parquet"),
		Entry("an unknown element", minimalWith("<Schedule>", "<Schedule><Hour>1</Hour>"),
			"<Hour> is not an element of <Schedule> (it holds Frequency)"),
		Entry("a missing element", minimalWith("<IsEnabled>true</IsEnabled>", ""), "<InventoryConfiguration> has no <IsEnabled>"),
		Entry("an element twice", minimalWith("<IsEnabled>true</IsEnabled>", "<IsEnabled>true</IsEnabled><IsEnabled>true</IsEnabled>"),
			"<IsEnabled> appears twice in <InventoryConfiguration>"),
		Entry("an optional field", minimalWith("</IncludedObjectVersions>", "</IncludedObjectVersions><OptionalFields><Field>Colour</Field></OptionalFields>"),
			"<Field>Colour</Field>: not an optional field S3 knows"),
		Entry("an empty KMS key", minimalWith("<Bucket>", "<Encryption><SSE-KMS><KeyId></KeyId></SSE-KMS></Encryption><Bucket>"),
			"<SSE-KMS> has an empty <KeyId>"),
		Entry("another root", "<Inventory/>", "the root element is <Inventory>, not <InventoryConfiguration>"),
		Entry("a broken document", "<InventoryConfiguration><Id>", "not well-formed XML: XML syntax error on line 1: unexpected EOF"),
		Entry("another namespace", `<InventoryConfiguration xmlns="urn:x"/>`,
			`<InventoryConfiguration> is in the namespace "urn:x", not "http://s3.amazonaws.com/doc/2006-03-01/"`),
	)
})
