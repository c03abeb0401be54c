package identity_test

import (
	"encoding/json"
	"slices"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

var _ = Describe("Directory", func() {
	owner := identity.Key{AccessKeyID: "AKIAOWNER0000000001", SecretAccessKey: "owner-secret"}
	reader := identity.Key{
		AccessKeyID: "AKIAREADER000000001", SecretAccessKey: "reader-secret",
		Actions: []string{"s3:GetInventoryConfiguration"},
	}
	other := identity.Key{AccessKeyID: "AKIAOTHER0000000001", SecretAccessKey: "other-secret"}

	// accounts returns a fresh copy each time: a spec may mutate it.
	accounts := func() []identity.Account {
		reader := reader
		reader.Actions = slices.Clone(reader.Actions)
		return []identity.Account{
			{ID: "111122223333", Keys: []identity.Key{owner, reader}},
			{ID: "444455556666", Keys: []identity.Key{other}},
		}
	}

	Describe("Lookup", func() {
		It("finds each key's account and permissions", func() {
			dir, err := identity.NewDirectory(accounts())
			Expect(err).NotTo(HaveOccurred())
			Expect(dir.Len()).To(Equal(3))

			account, key, ok := dir.Lookup("AKIAREADER000000001")
			Expect(ok).To(BeTrue())
			Expect(account).To(Equal("111122223333"))
			Expect(key).To(Equal(reader))

			account, _, ok = dir.Lookup("AKIAOTHER0000000001")
			Expect(ok).To(BeTrue())
			Expect(account).To(Equal("444455556666"))
		})

		It("does not know unknown or empty ids", func() {
			dir, err := identity.NewDirectory(accounts())
			Expect(err).NotTo(HaveOccurred())
			for _, id := range []string{"AKIANOBODY", ""} {
				_, _, ok := dir.Lookup(id)
				Expect(ok).To(BeFalse())
				_, ok = dir.Secret(id)
				Expect(ok).To(BeFalse())
			}
		})

		It("stays unchanged when the caller mutates what it passed in or got back", func() {
			in := accounts()
			dir, err := identity.NewDirectory(in)
			Expect(err).NotTo(HaveOccurred())
			in[0].Keys[1].Actions[0] = "s3:*"
			_, key, _ := dir.Lookup("AKIAREADER000000001")
			key.Actions[0] = "s3:*"
			_, key, _ = dir.Lookup("AKIAREADER000000001")
			Expect(key.Actions).To(Equal([]string{"s3:GetInventoryConfiguration"}))
		})

		It("answers on a nil Directory as on an empty one", func() {
			var dir *identity.Directory
			_, _, ok := dir.Lookup("AKIAOWNER0000000001")
			Expect(ok).To(BeFalse())
			_, ok = dir.Secret("AKIAOWNER0000000001")
			Expect(ok).To(BeFalse())
			Expect(dir.Len()).To(BeZero())
		})
	})

	Describe("Secret", func() {
		It("returns the key's secret, in the shape Verify asks for", func() {
			dir, err := identity.NewDirectory(accounts())
			Expect(err).NotTo(HaveOccurred())
			var secretFor func(string) (string, bool) = dir.Secret
			secret, ok := secretFor("AKIAOWNER0000000001")
			Expect(ok).To(BeTrue())
			Expect(secret).To(Equal("owner-secret"))
		})
	})

	Describe("NewDirectory", func() {
		DescribeTable("refuses what cannot be meant",
			func(mutate func([]identity.Account) []identity.Account, want string) {
				_, err := identity.NewDirectory(mutate(accounts()))
				Expect(err).To(MatchError(ContainSubstring(want)))
			},
			Entry("an account id of 11 digits", func(a []identity.Account) []identity.Account {
				a[0].ID = "11112222333"
				return a
			}, `"11112222333" is not a twelve-digit account id`),
			Entry("an account id with a letter", func(a []identity.Account) []identity.Account {
				a[1].ID = "44445555666x"
				return a
			}, "accounts[1]"),
			Entry("an empty account id", func(a []identity.Account) []identity.Account {
				a[0].ID = ""
				return a
			}, "twelve-digit"),
			Entry("the same account twice", func(a []identity.Account) []identity.Account {
				a[1].ID = a[0].ID
				return a
			}, "listed twice"),
			Entry("an empty access key id", func(a []identity.Account) []identity.Account {
				a[0].Keys[1].AccessKeyID = ""
				return a
			}, "keys[1]: accessKeyId is empty"),
			Entry("an empty secret", func(a []identity.Account) []identity.Account {
				a[1].Keys[0].SecretAccessKey = ""
				return a
			}, "secretAccessKey of AKIAOTHER0000000001 is empty"),
			Entry("a key id in two accounts", func(a []identity.Account) []identity.Account {
				a[1].Keys[0].AccessKeyID = owner.AccessKeyID
				return a
			}, "AKIAOWNER0000000001 is already a key of account 111122223333"),
			Entry("a key id twice in one account", func(a []identity.Account) []identity.Account {
				a[0].Keys[1].AccessKeyID = owner.AccessKeyID
				return a
			}, "already a key"),
		)

		It("accepts no accounts at all", func() {
			dir, err := identity.NewDirectory(nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(dir.Len()).To(BeZero())
		})
	})

	It("reads the seed file's field names", func() {
		var accounts []identity.Account
		Expect(json.Unmarshal([]byte(`[{"id":"111122223333","keys":[
			{"accessKeyId":"AKIAREADER000000001","secretAccessKey":"reader-secret",
			 "actions":["s3:GetInventoryConfiguration"]}]}]`), &accounts)).To(Succeed())
		Expect(accounts).To(Equal([]identity.Account{{ID: "111122223333", Keys: []identity.Key{reader}}}))
	})
})
