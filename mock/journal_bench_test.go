package mock_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// driver sends a fixed mix of requests straight to ServeHTTP with a writer that
// allocates nothing: Get, List, Put (replace), a missing configuration, HeadBucket.
type driver struct {
	srv  *mock.Server
	w    *discardWriter
	reqs []*http.Request
	put  *http.Request
	body *rewindBody
	doc  []byte
	n    int
}

func newDriver(srv *mock.Server) *driver {
	d := &driver{srv: srv, w: newDiscardWriter(), body: &rewindBody{}, doc: minimalDocument("cfg-0007")}
	for _, target := range []string{"/reports?inventory&id=cfg-0007", "/reports?inventory",
		"/reports?inventory&id=missing", "/reports"} {
		method := "GET"
		if target == "/reports" {
			method = "HEAD"
		}
		d.reqs = append(d.reqs, httptest.NewRequest(method, target, nil))
	}
	d.put = httptest.NewRequest("PUT", "/reports?inventory&id=cfg-0007", d.body)
	d.put.Header.Set("Content-Length", fmt.Sprint(len(d.doc)))
	return d
}

// run sends n requests.
func (d *driver) run(n int) {
	for range n {
		d.w.reset()
		d.n++
		if d.n%5 == 0 {
			d.body.Reset(d.doc)
			d.put.ContentLength = int64(len(d.doc))
			d.srv.ServeHTTP(d.w, d.put)
			continue
		}
		d.srv.ServeHTTP(d.w, d.reqs[d.n%5-1])
	}
}

// journalServer is a fake with 150 configurations (List pages are full and truncated).
func journalServer() *mock.Server {
	srv := mock.New()
	Expect(srv.AddBucket("reports")).To(Succeed())
	for i := range 150 {
		Expect(srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("cfg-%04d", i)))).To(Succeed())
	}
	return srv
}

var _ = Describe("memory in a long run", Label("slow"), func() {
	// A million requests in all, the first 100,000 to fill the journal and warm the
	// pools; a tenth of that under the race detector, which makes each request ten
	// times dearer.
	warm, steps := 100_000, 900_000
	if raceEnabled {
		warm, steps = 20_000, 80_000
	}

	It("stays where the first requests left it: the journal is a ring of DefaultJournalCapacity", func() {
		d := newDriver(journalServer())
		d.run(warm)
		Expect(d.srv.Journal()).To(HaveLen(mock.DefaultJournalCapacity))
		afterWarm := heapInuse()
		d.run(steps)
		Expect(d.srv.Journal()).To(HaveLen(mock.DefaultJournalCapacity))
		Expect(heapInuse()).To(BeNumerically("<", afterWarm+2), "HeapInuse MiB after %d requests", d.n)
	})

	It("keeps as many entries as WithJournalCapacity says, the newest", func() {
		srv := mock.New(mock.WithJournalCapacity(3))
		Expect(srv.AddBucket("reports")).To(Succeed())
		d := newDriver(srv)
		d.run(10)
		j := srv.Journal()
		Expect(j).To(HaveLen(3))
		Expect([]uint64{j[0].Seq, j[1].Seq, j[2].Seq}).To(Equal([]uint64{8, 9, 10}))
	})
})

// BenchmarkLongRun sends 10 million requests (opt-in: S3INVBENCH_LONG=1) and reports
// HeapInuse after 100,000 and after all of them.
func BenchmarkLongRun(b *testing.B) {
	if os.Getenv("S3INVBENCH_LONG") == "" {
		b.Skip("set S3INVBENCH_LONG=1 to send 10 million requests")
	}
	for b.Loop() {
		srv := mock.New()
		if err := srv.AddBucket("reports"); err != nil {
			b.Fatal(err)
		}
		for i := range 150 {
			if err := srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("cfg-%04d", i))); err != nil {
				b.Fatal(err)
			}
		}
		d := newDriver(srv)
		d.run(100_000)
		at100k := heapInuse()
		d.run(9_900_000)
		b.ReportMetric(at100k, "heap-MiB@100k")
		b.ReportMetric(heapInuse(), "heap-MiB@10M")
	}
}
