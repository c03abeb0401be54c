package mock_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("LoadState with many documents alike but for their Id", func() {
	// Each document is loaded as if it were PUT on its own: the answer of Get is the
	// one a fresh server gives for that document alone.
	alone := func(doc string) string {
		GinkgoHelper()
		srv := mock.New()
		Expect(srv.AddBucket("reports")).To(Succeed())
		Expect(srv.PutConfigurationXML("reports", []byte(doc))).To(Succeed())
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		return string(cs[0].Document())
	}
	withID := func(id string) string { return strings.Replace(specGetBody, "<Id>report1</Id>", "<Id>"+id+"</Id>", 1) }

	It("gives each document its own Id and otherwise the same configuration", func() {
		docs := []string{
			withID("a"), withID("b"), withID("c-1.x_2"),
			// Not vouched for by the shortcut, parsed in full:
			strings.Replace(withID("d"), "<Prefix>logs/</Prefix>", "<Prefix><![CDATA[<Id>x</Id>]]></Prefix>", 1),
			withID("&#x65;"), // the Id e, spelled with a character reference
			strings.Replace(withID("f"), "<IsEnabled>", "<!-- <Id>z</Id> --><IsEnabled>", 1),
		}
		srv := mock.New()
		Expect(srv.LoadState(&mock.State{Buckets: []mock.BucketState{{Name: "reports", Inventory: docs}}})).To(Succeed())
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		var ids, got []string
		for _, c := range cs {
			ids = append(ids, c.ID)
			got = append(got, string(c.Document()))
		}
		Expect(ids).To(Equal([]string{"a", "b", "c-1.x_2", "d", "e", "f"}))
		for i, doc := range docs {
			Expect(got[i]).To(Equal(alone(doc)), "document %d", i)
		}
	})

	It("still refuses a document whose template was valid when its own Id is not", func() {
		srv := mock.New()
		err := srv.LoadState(&mock.State{Buckets: []mock.BucketState{{Name: "reports",
			Inventory: []string{withID("ok"), withID("not ok"), withID(strings.Repeat("x", 65))}}}})
		Expect(err).To(MatchError(ContainSubstring("MalformedXML")))
		Expect(srv.Buckets()).To(BeEmpty())
	})
})
