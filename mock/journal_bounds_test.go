package mock_test

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// refusedPut sends a PutBucketInventoryConfiguration of size bytes that are not XML:
// the body is read, then refused with MalformedXML.
func refusedPut(srv *mock.Server, size int) {
	GinkgoHelper()
	req := httptest.NewRequest(http.MethodPut, "/reports?inventory&id=big", bytes.NewReader(bytes.Repeat([]byte("x"), size)))
	req.Header.Set("Content-Length", strconv.Itoa(size))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	Expect(rec.Code).To(Equal(http.StatusBadRequest))
}

// keptBodyBytes sums the bodies the journal's exchanges keep.
func keptBodyBytes(j []mock.Entry) int {
	n := 0
	for _, e := range j {
		if e.Exchange != nil {
			n += len(e.Exchange.RequestBody) + len(e.Exchange.ResponseBody)
		}
	}
	return n
}

// keptStringBytes sums the request-derived strings the journal's entries keep.
func keptStringBytes(j []mock.Entry) int {
	n := 0
	for _, e := range j {
		n += len(e.Method) + len(e.Path) + len(e.Bucket) + len(e.ID) + len(e.AccessKey) + len(e.Account) + len(e.InvocationID)
	}
	return n
}

var _ = Describe("the journal's bounds", func() {
	const kib900 = 900 << 10

	When("capture is on", func() {
		It("keeps at most the capture budget of bodies, eliding the rest and saying so", Label("slow"), func() {
			srv := mock.New(mock.WithCapture(true), mock.WithCaptureBudget(2<<20))
			Expect(srv.AddBucket("reports")).To(Succeed())
			for range 6 {
				refusedPut(srv, kib900)
			}
			j := srv.Journal()
			Expect(j).To(HaveLen(6))
			Expect(keptBodyBytes(j)).To(BeNumerically("<=", 2<<20))
			// Two 900 KiB bodies and their MalformedXML answers fit; the third does not.
			Expect(j[1].Exchange.RequestBody).To(HaveLen(kib900))
			Expect(j[1].Exchange.RequestBodyElided).To(BeZero())
			Expect(j[2].Exchange.RequestBody).To(BeNil())
			Expect(j[2].Exchange.ResponseBody).To(BeNil())
			Expect(j[2].Exchange.RequestBodyElided).To(Equal(kib900))
			Expect(j[2].Exchange.ResponseBodyElided).To(Equal(len(j[0].Exchange.ResponseBody)))
			Expect(j[2].Exchange.RequestHeader).To(HaveKey("Content-Length"), "the headers are kept")
		})

		It("gives an entry's bytes back when the ring drops it", func() {
			srv := mock.New(mock.WithCapture(true), mock.WithCaptureBudget(2<<20), mock.WithJournalCapacity(2))
			Expect(srv.AddBucket("reports")).To(Succeed())
			for range 5 {
				refusedPut(srv, kib900)
			}
			j := srv.Journal()
			Expect(j).To(HaveLen(2))
			Expect(j[0].Exchange.RequestBody).To(HaveLen(kib900))
			Expect(j[1].Exchange.RequestBody).To(HaveLen(kib900))
		})

		It("starts the budget afresh after ClearJournal", func() {
			srv := mock.New(mock.WithCapture(true), mock.WithCaptureBudget(1<<20))
			Expect(srv.AddBucket("reports")).To(Succeed())
			refusedPut(srv, kib900)
			refusedPut(srv, kib900)
			Expect(srv.Journal()[1].Exchange.RequestBodyElided).To(Equal(kib900))
			srv.ClearJournal()
			refusedPut(srv, kib900)
			Expect(srv.Journal()[0].Exchange.RequestBody).To(HaveLen(kib900))
		})

		It("keeps no bodies with a budget of 0", func() {
			srv := mock.New(mock.WithCapture(true), mock.WithCaptureBudget(0))
			Expect(srv.AddBucket("reports")).To(Succeed())
			refusedPut(srv, 10)
			Expect(srv.Journal()[0].Exchange.RequestBodyElided).To(Equal(10))
		})
	})

	It("keeps at most MaxEntryStringBytes of a 60 KB path and id, and names them as truncated", func() {
		srv := mock.New()
		long := strings.Repeat("k", 60_000)
		for range 10 {
			srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/reports/"+long+"?inventory&id="+long, nil))
		}
		j := srv.Journal()
		Expect(j).To(HaveLen(10))
		Expect(j[0].Path).To(Equal("/reports/" + long[:mock.MaxEntryStringBytes-len("/reports/")]))
		Expect(j[0].ID).To(Equal(long[:mock.MaxEntryStringBytes]))
		Expect(j[0].Truncated).To(Equal([]string{"path", "id"}))
		Expect(keptStringBytes(j)).To(BeNumerically("<=", 10*7*mock.MaxEntryStringBytes))
	})

	It("cuts a long id at a UTF-8 boundary", func() {
		srv := mock.New()
		id := "a" + strings.Repeat("é", 1000) // 2,001 bytes; byte 1,024 is inside an é
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/reports?inventory&id="+id, nil))
		Expect(srv.Journal()[0].ID).To(Equal(id[:1023]))
	})

	It("copies even short strings, so that no entry points into its request", func() {
		srv := mock.New()
		req := httptest.NewRequest(http.MethodGet, "/reports?inventory&id=daily", nil)
		srv.ServeHTTP(httptest.NewRecorder(), req)
		e := srv.Journal()[0]
		Expect(e.Path).To(Equal("/reports"))
		Expect(e.ID).To(Equal("daily"))
		Expect(e.Truncated).To(BeNil())
		Expect(unsafe.StringData(e.Path) == unsafe.StringData(req.URL.Path)).To(BeFalse(), "the path is shared")
		Expect(unsafe.StringData(e.ID) == unsafe.StringData(req.URL.Query()["id"][0])).To(BeFalse(), "the id is shared")
	})

	It("keeps nothing of the request line net/http read, a served method included", func() {
		srv := mock.New()
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET /reports?inventory&id=daily HTTP/1.1\r\nHost: s3\r\n\r\n")))
		Expect(err).NotTo(HaveOccurred())
		srv.ServeHTTP(httptest.NewRecorder(), req)
		e := srv.Journal()[0]
		Expect([]string{e.Method, e.Path, e.Bucket, e.ID}).To(Equal([]string{"GET", "/reports", "reports", "daily"}))
		for _, kept := range []string{e.Method, e.Path, e.Bucket, e.ID} {
			Expect(within(kept, req.RequestURI) || within(kept, req.Method)).To(BeFalse(), "%q points into the request", kept)
		}
	})
})

// within reports whether s's bytes lie inside base's.
func within(s, base string) bool {
	if len(s) == 0 || len(base) == 0 {
		return false
	}
	p, b := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(base)))
	return p >= b && p < b+uintptr(len(base))
}

// BenchmarkJournalHeap reports the heap the journal holds (HeapInuse after GC, minus
// the empty server's) after the two loads of issue 10: 1,200 refused 900 KiB PUTs
// with capture on, and 10,000 GETs with 60 KB paths without capture.
func BenchmarkJournalHeap(b *testing.B) {
	body := bytes.Repeat([]byte("x"), 900<<10)
	long := "/reports/" + strings.Repeat("k", 60_000)
	for _, bc := range []struct {
		name string
		opts []mock.Option
		n    int
		req  func() *http.Request
	}{
		{"capture-1200-refused-900KiB-puts", []mock.Option{mock.WithCapture(true)}, 1200, func() *http.Request {
			req := httptest.NewRequest(http.MethodPut, "/reports?inventory&id=big", bytes.NewReader(body))
			req.Header.Set("Content-Length", strconv.Itoa(len(body)))
			return req
		}},
		{"10000-gets-60KB-paths", nil, 10_000, func() *http.Request {
			return httptest.NewRequest(http.MethodGet, long+"?inventory&id=daily", nil)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				srv := mock.New(bc.opts...)
				if err := srv.AddBucket("reports"); err != nil {
					b.Fatal(err)
				}
				before := heapInuse()
				for range bc.n {
					srv.ServeHTTP(httptest.NewRecorder(), bc.req())
				}
				b.ReportMetric(heapInuse()-before, "journal-MiB")
				if len(srv.Journal()) != bc.n {
					b.Fatal("journal lost entries")
				}
			}
		})
	}
}
