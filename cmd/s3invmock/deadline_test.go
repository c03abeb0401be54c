package main_test

import (
	"context"
	"net/http"
	"net/http/httptest"
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
	serveOn := func(conn context.Context, w *deadlineRecorder) {
		answer.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/bucket?inventory", nil).WithContext(conn))
	}

	It("is set once for requests in a row on one connection, a whole write timeout ahead", func() {
		conn := main.WithConnState(context.Background(), nil)
		w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		before := time.Now()
		for range 10 {
			serveOn(conn, w)
		}
		Expect(w.deadlines).To(HaveLen(1))
		Expect(w.deadlines[0]).To(BeTemporally(">=", before.Add(timeout)))
		Expect(w.deadlines[0]).To(BeTemporally("<=", time.Now().Add(timeout)))
	})

	It("is set before every write of a server without connection state, as before", func() {
		w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		serveOn(context.Background(), w)
		Expect(w.deadlines).To(HaveLen(4)) // start, headers, body, end
	})

	It("is set again on each connection of its own", func() {
		w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
		serveOn(main.WithConnState(context.Background(), nil), w)
		serveOn(main.WithConnState(context.Background(), nil), w)
		Expect(w.deadlines).To(HaveLen(2))
	})
})

var _ = Describe("the sidecar's GC target", func() {
	DescribeTable("is 64 MiB past the live heap, or Go's default past that",
		func(live uint64, percent int) { Expect(main.GCPercentFor(live)).To(Equal(percent)) },
		Entry("a 4 MiB heap: 1600%", uint64(4<<20), 1600),
		Entry("a 32 MiB heap: 200%", uint64(32<<20), 200),
		Entry("a 64 MiB heap: the default", uint64(64<<20), 100),
		Entry("a 350 MiB heap (a million configurations): the default", uint64(350<<20), 100),
		Entry("an unknown heap: the default", uint64(0), 100),
	)
})
