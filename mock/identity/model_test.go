package identity_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

var _ = Describe("Key", func() {
	Describe("Allows", func() {
		DescribeTable("matches IAM action patterns",
			func(actions []string, action string, want bool) {
				Expect(identity.Key{Actions: actions}.Allows(action)).To(Equal(want))
			},
			Entry("no actions means s3:*", nil, "s3:PutInventoryConfiguration", true),
			Entry("no actions grants no other service", nil, "iam:CreateUser", false),
			Entry("s3:* grants everything in s3", []string{"s3:*"}, "s3:DeleteBucket", true),
			Entry("* grants everything", []string{"*"}, "s3:DeleteBucket", true),
			Entry("exact name", []string{"s3:GetInventoryConfiguration"}, "s3:GetInventoryConfiguration", true),
			Entry("exact name, another action", []string{"s3:GetInventoryConfiguration"}, "s3:PutInventoryConfiguration", false),
			Entry("names are case-insensitive, as in IAM", []string{"S3:getinventoryconfiguration"}, "s3:GetInventoryConfiguration", true),
			Entry("trailing glob", []string{"s3:Get*"}, "s3:GetInventoryConfiguration", true),
			Entry("trailing glob, no match", []string{"s3:Get*"}, "s3:PutInventoryConfiguration", false),
			Entry("inner glob", []string{"s3:*InventoryConfiguration"}, "s3:PutInventoryConfiguration", true),
			Entry("question mark is one character", []string{"s3:?etInventoryConfiguration"}, "s3:GetInventoryConfiguration", true),
			Entry("a prefix alone does not match", []string{"s3:Get"}, "s3:GetInventoryConfiguration", false),
			Entry("any of several", []string{"s3:ListAllMyBuckets", "s3:CreateBucket"}, "s3:CreateBucket", true),
			Entry("an empty action is not granted by a name", []string{"s3:CreateBucket"}, "", false),
		)
	})
})

var _ = Describe("ParseMode", func() {
	DescribeTable("reads flag, env and seed spellings",
		func(in string, want identity.Mode) {
			Expect(identity.ParseMode(in)).To(Equal(want))
		},
		Entry("empty is off", "", identity.ModeOff),
		Entry("off", "off", identity.ModeOff),
		Entry("verify", "verify", identity.ModeVerify),
		Entry("any case and blanks", " VERIFY\n", identity.ModeVerify),
	)

	It("refuses anything else, naming the valid modes", func() {
		_, err := identity.ParseMode("strict")
		Expect(err).To(MatchError(And(ContainSubstring(`"strict"`), ContainSubstring(`"verify"`))))
	})

	It("round-trips as text, so JSON, YAML and flag.TextVar can carry it", func() {
		var m identity.Mode
		Expect(m.UnmarshalText([]byte("verify"))).To(Succeed())
		Expect(m).To(Equal(identity.ModeVerify))
		Expect(m.MarshalText()).To(Equal([]byte("verify")))
		Expect(m.UnmarshalText([]byte("nope"))).NotTo(Succeed())
	})
})
