package main_test

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	main "github.com/s3invmock/s3invmock/cmd/s3invmock"
)

// deadlineRecorder is a ResponseWriter that records the write deadlines
// http.ResponseController sets through it.
type deadlineRecorder struct {
	*httptest.ResponseRecorder
	deadlines []time.Time
}

func (d *deadlineRecorder) SetWriteDeadline(t time.Time) error {
	d.deadlines = append(d.deadlines, t)
	return nil
}

var _ = Describe("the sidecar's write deadline", func() {
	const timeout = 20 * time.Second
	answer := main.WithConnLimits(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("<ListInventoryConfigurationsResult/>"))
	}), timeout)
	serve := func(w *deadlineRecorder) {
		answer.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/bucket?inventory", nil))
	}

	It("is set once for a quick answer, a whole write timeout ahead", func() {
		w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		before := time.Now()
		serve(w)
		Expect(w.deadlines).To(HaveLen(1))
		Expect(w.deadlines[0]).To(BeTemporally(">=", before.Add(timeout)))
		Expect(w.deadlines[0]).To(BeTemporally("<=", time.Now().Add(timeout)))
	})

	It("is set again by every request, as net/http clears it after each", func() {
		w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		serve(w)
		serve(w)
		Expect(w.deadlines).To(HaveLen(2))
	})

	It("cuts the second answer on a kept-alive connection when its reader stalls", func() {
		cut := make(chan error, 1)
		big := strings.Repeat("x", 32<<10)
		ts := httptest.NewServer(main.WithConnLimits(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/small" {
				_, _ = io.WriteString(w, "ok")
				return
			}
			for range 4096 { // 128 MiB, far more than the socket buffers hold
				if _, err := io.WriteString(w, big); err != nil {
					cut <- err
					return
				}
			}
			cut <- nil
		}), time.Second))
		DeferCleanup(ts.Close)
		conn := dial(ts.Listener.Addr().String())
		_, err := io.WriteString(conn, "GET /small HTTP/1.1\r\nHost: s3\r\n\r\n")
		Expect(err).NotTo(HaveOccurred())
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(io.ReadAll(resp.Body)).To(Equal([]byte("ok")))
		_, err = io.WriteString(conn, "GET /big HTTP/1.1\r\nHost: s3\r\n\r\n") // and never read
		Expect(err).NotTo(HaveOccurred())
		var werr error
		Eventually(cut, 5*time.Second).Should(Receive(&werr))
		Expect(werr).To(MatchError(ContainSubstring("i/o timeout")))
	})
})

var _ = Describe("the sidecar's body deadline", func() {
	const body = 200 * time.Millisecond
	// serveHeld answers 204 to a PUT once its handler has read the body and held the
	// request for three body timeouts, as a latency fault does; held says whether the
	// request's context lived through the hold.
	serveHeld := func(held chan<- bool) *httptest.Server {
		ts := httptest.NewServer(main.WithBodyTimeout(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, err := io.ReadAll(r.Body); err != nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			select {
			case <-r.Context().Done():
				held <- false
			case <-time.After(3 * body): // the latency fault's hold, not a wait for a condition
				held <- true
			}
			w.WriteHeader(http.StatusNoContent)
		}), 20*time.Second, body))
		DeferCleanup(ts.Close)
		return ts
	}

	It("is gone once the body is read: a request held past it keeps its context and answers", func() {
		held := make(chan bool, 3)
		ts := serveHeld(held)
		for i := range 3 { // the second on the kept-alive connection; the third chunked
			var body io.Reader = strings.NewReader("<InventoryConfiguration/>")
			if i == 2 {
				body = io.MultiReader(body) // no length known: Transfer-Encoding: chunked
			}
			req, err := http.NewRequest(http.MethodPut, ts.URL+"/b?inventory&id=x", body)
			Expect(err).NotTo(HaveOccurred())
			resp, err := ts.Client().Do(req)
			Expect(err).NotTo(HaveOccurred())
			_ = resp.Body.Close()
			Expect(resp.StatusCode).To(Equal(http.StatusNoContent))
			Expect(held).To(Receive(BeTrue()))
		}
	})

	It("cuts a body that stops arriving", func() {
		read := make(chan error, 1)
		ts := httptest.NewServer(main.WithBodyTimeout(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, err := io.ReadAll(r.Body)
			read <- err
		}), 20*time.Second, body))
		DeferCleanup(ts.Close)
		conn := dial(ts.Listener.Addr().String())
		_, err := io.WriteString(conn, "PUT /b?inventory&id=x HTTP/1.1\r\nHost: s3\r\nContent-Length: 10\r\n\r\nhalf")
		Expect(err).NotTo(HaveOccurred())
		var rerr error
		Eventually(read, 5*time.Second).Should(Receive(&rerr))
		Expect(rerr).To(MatchError(ContainSubstring("i/o timeout")))
	})
})

var _ = Describe("the sidecar's GC target", func() {
	DescribeTable("is 64 MiB past the live heap (at most 8 times it), or Go's default past that",
		func(live uint64, percent int) { Expect(main.GCPercentFor(live)).To(Equal(percent)) },
		Entry("a 2 MiB heap: 800%, the cap", uint64(2<<20), 800),
		Entry("a 8 MiB heap: 800%", uint64(8<<20), 800),
		Entry("a 16 MiB heap: 400%", uint64(16<<20), 400),
		Entry("a 32 MiB heap: 200%", uint64(32<<20), 200),
		Entry("a 64 MiB heap: the default", uint64(64<<20), 100),
		Entry("a 350 MiB heap (a million configurations): the default", uint64(350<<20), 100),
		Entry("an unknown heap: the default", uint64(0), 100),
	)
})
