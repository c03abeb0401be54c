package mock_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// A bucket keeps its rendered first List page until its configurations change
// (store_listpage.go). Each spec lists once (the page is kept), changes the bucket,
// and wants the next List byte for byte as a fresh server loaded with the same state
// answers it: that one has no kept page.
var _ = Describe("ListBucketInventoryConfigurations of a bucket that changed since the last List", func() {
	var (
		srv *mock.Server
		ts  *httptest.Server
	)
	BeforeEach(func() {
		srv, ts = startFake()
		Expect(srv.AddBucket("reports")).To(Succeed())
		for i := range 150 { // a truncated first page, with its NextContinuationToken
			Expect(srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("cfg-%03d", i)))).To(Succeed())
		}
	})

	// fresh is the List answer of a new server holding srv's state.
	fresh := func(target string) []byte {
		other, ots := startFake()
		Expect(other.LoadState(srv.State())).To(Succeed())
		r := do(ots, http.MethodGet, target, nil)
		Expect(r.Status).To(Equal(http.StatusOK))
		return r.Body
	}

	DescribeTable("answers the bucket as it is now",
		func(change func()) {
			before := do(ts, http.MethodGet, "/reports?inventory", nil)
			Expect(before.Status).To(Equal(http.StatusOK))
			kept := do(ts, http.MethodGet, "/reports?inventory", nil)
			Expect(kept.Body).To(Equal(before.Body), "the kept page")
			// The same headers as the rendered answer, the request's own ids apart.
			same := func(h http.Header) http.Header {
				h = h.Clone()
				h.Del("X-Amz-Request-Id")
				h.Del("X-Amz-Id-2")
				return h
			}
			Expect(same(kept.Header)).To(Equal(same(before.Header)))
			Expect(kept.Header).NotTo(HaveKey("Content-Type"), "S3 sends a List without one")
			change()
			after := do(ts, http.MethodGet, "/reports?inventory", nil)
			Expect(after.Status).To(Equal(http.StatusOK))
			Expect(string(after.Body)).NotTo(Equal(string(before.Body)))
			Expect(string(after.Body)).To(Equal(string(fresh("/reports?inventory"))))
		},
		Entry("a PUT of a new Id on the first page", func() {
			Expect(do(ts, http.MethodPut, "/reports?inventory&id=cfg-000a", minimalDocument("cfg-000a")).Status).To(Equal(http.StatusNoContent))
		}),
		Entry("a PUT replacing an Id with another document", func() {
			doc := []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination><Bucket>arn:aws:s3:::elsewhere</Bucket><Format>ORC</Format></S3BucketDestination></Destination><IsEnabled>false</IsEnabled><Id>cfg-007</Id><IncludedObjectVersions>All</IncludedObjectVersions><Schedule><Frequency>Weekly</Frequency></Schedule></InventoryConfiguration>`)
			Expect(do(ts, http.MethodPut, "/reports?inventory&id=cfg-007", doc).Status).To(Equal(http.StatusNoContent))
		}),
		Entry("a DELETE", func() {
			Expect(do(ts, http.MethodDelete, "/reports?inventory&id=cfg-003", nil).Status).To(Equal(http.StatusNoContent))
		}),
		Entry("a PUT through the Go API", func() {
			Expect(srv.PutConfigurationXML("reports", minimalDocument("cfg-000b"))).To(Succeed())
		}),
		Entry("the bucket deleted and made again with other configurations", func() {
			Expect(do(ts, http.MethodDelete, "/reports", nil).Status).To(Equal(http.StatusNoContent))
			Expect(srv.AddBucket("reports")).To(Succeed())
			Expect(srv.PutConfigurationXML("reports", minimalDocument("only"))).To(Succeed())
		}),
		Entry("a state loaded over it", func() {
			other := mock.New()
			Expect(other.AddBucket("reports")).To(Succeed())
			Expect(other.PutConfigurationXML("reports", minimalDocument("loaded"))).To(Succeed())
			Expect(srv.LoadState(other.State())).To(Succeed())
		}),
	)

	It("answers an empty continuation-token with its own page, not the kept one", func() {
		Expect(do(ts, http.MethodGet, "/reports?inventory", nil).Status).To(Equal(http.StatusOK))
		r := do(ts, http.MethodGet, "/reports?inventory&continuation-token=", nil)
		Expect(r.Status).To(Equal(http.StatusOK))
		Expect(string(r.Body)).To(ContainSubstring("<ContinuationToken></ContinuationToken>"))
		Expect(string(r.Body)).To(Equal(string(fresh("/reports?inventory&continuation-token="))))
	})
})

var _ = Describe("a List page rendered while the bucket changed", func() {
	var srv *mock.Server
	BeforeEach(func() {
		srv, _ = startFake()
		Expect(srv.AddBucket("reports")).To(Succeed())
		Expect(srv.PutConfigurationXML("reports", minimalDocument("daily"))).To(Succeed())
	})
	DescribeTable("is not kept",
		func(change func()) { Expect(mock.KeepsPageAcrossChange(srv, "reports", change)).To(BeFalse()) },
		Entry("a PUT since", func() { Expect(srv.PutConfigurationXML("reports", minimalDocument("weekly"))).To(Succeed()) }),
		Entry("the bucket made again since", func() {
			Expect(srv.LoadState(srv.State())).To(Succeed())
		}),
	)
	It("is kept when nothing changed", func() {
		Expect(mock.KeepsPageAcrossChange(srv, "reports", func() {})).To(BeTrue())
	})
})

var _ = Describe("the kept first List pages", func() {
	It("hold at most their budget, and give their bytes back as buckets change and go", func() {
		srv, ts := startFake()
		for b := range 5 {
			name := fmt.Sprintf("bucket-%d", b)
			Expect(srv.AddBucket(name)).To(Succeed())
			for i := range 20 {
				Expect(srv.PutConfigurationXML(name, minimalDocument(fmt.Sprintf("cfg-%03d", i)))).To(Succeed())
			}
		}
		page := len(do(ts, http.MethodGet, "/bucket-0?inventory", nil).Body)
		Expect(mock.KeptPageBytes(srv)).To(BeEquivalentTo(page))
		mock.SetKeptPagesBudget(srv, int64(3*page))
		for b := range 5 {
			Expect(do(ts, http.MethodGet, fmt.Sprintf("/bucket-%d?inventory", b), nil).Status).To(Equal(http.StatusOK))
		}
		Expect(mock.KeptPageBytes(srv)).To(BeEquivalentTo(3*page), "three pages fit, the other two are rendered each time")
		Expect(srv.PutConfigurationXML("bucket-0", minimalDocument("cfg-000"))).To(Succeed())
		Expect(mock.KeptPageBytes(srv)).To(BeEquivalentTo(2*page), "a changed bucket's page is dropped")
		Expect(do(ts, http.MethodDelete, "/bucket-1", nil).Status).To(Equal(http.StatusNoContent))
		Expect(mock.KeptPageBytes(srv)).To(BeEquivalentTo(page), "a deleted bucket's page is dropped")
		Expect(srv.LoadState(srv.State())).To(Succeed())
		Expect(mock.KeptPageBytes(srv)).To(BeZero(), "a loaded state replaces every bucket")
	})
})

var _ = Describe("ListBucketInventoryConfigurations racing PUTs and DELETEs", func() {
	It("answers, once they stop, the bucket as it is", func() {
		srv, ts := startFake()
		Expect(srv.AddBucket("reports")).To(Succeed())
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() { // writers: put and delete Ids that sort on the first page
				defer GinkgoRecover()
				for i := range 200 {
					id := fmt.Sprintf("cfg-%d-%03d", w, i%20)
					if i%3 == 2 {
						do(ts, http.MethodDelete, "/reports?inventory&id="+id, nil)
						continue
					}
					Expect(do(ts, http.MethodPut, "/reports?inventory&id="+id, minimalDocument(id)).Status).To(Equal(http.StatusNoContent))
				}
			})
			wg.Go(func() { // readers: each List may keep the page it rendered
				defer GinkgoRecover()
				for range 200 {
					Expect(do(ts, http.MethodGet, "/reports?inventory", nil).Status).To(Equal(http.StatusOK))
				}
			})
		}
		wg.Wait()
		other, ots := startFake()
		Expect(other.LoadState(srv.State())).To(Succeed())
		want := do(ots, http.MethodGet, "/reports?inventory", nil).Body
		Expect(string(do(ts, http.MethodGet, "/reports?inventory", nil).Body)).To(Equal(string(want)))
	})
})
