package mock_test

import (
	"bytes"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("the 1,000-configuration limit under concurrency", Label("slow"), func() {
	It("lets exactly 1,000 of 5,000 concurrent PUTs of new Ids succeed", func() {
		srv, ts := startFake()
		Expect(srv.AddBucket("reports")).To(Succeed())
		const total, workers = 5000, 128
		client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: workers, MaxIdleConnsPerHost: workers}}
		DeferCleanup(client.CloseIdleConnections)
		var ok, tooMany, other atomic.Int64
		ids := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				defer GinkgoRecover()
				for i := range ids {
					id := fmt.Sprintf("race-%04d", i)
					req, err := http.NewRequest("PUT", ts.URL+"/reports?inventory&id="+id, bytes.NewReader(minimalDocument(id)))
					Expect(err).NotTo(HaveOccurred())
					resp, err := client.Do(req)
					Expect(err).NotTo(HaveOccurred())
					body := new(bytes.Buffer)
					_, _ = body.ReadFrom(resp.Body)
					resp.Body.Close()
					switch {
					case resp.StatusCode == 204:
						ok.Add(1)
					case resp.StatusCode == 400 && bytes.Contains(body.Bytes(), []byte("<Code>TooManyConfigurations</Code>")):
						tooMany.Add(1)
					default:
						other.Add(1)
					}
				}
			})
		}
		for i := range total {
			ids <- i
		}
		close(ids)
		wg.Wait()
		Expect(ok.Load()).To(BeEquivalentTo(1000))
		Expect(tooMany.Load()).To(BeEquivalentTo(4000))
		Expect(other.Load()).To(BeZero())
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(cs).To(HaveLen(1000))
	})
})

var _ = Describe("DeleteBucket under concurrency", func() {
	It("answers 204 to exactly one of eight racing DeleteBuckets of a bucket, and 404 NoSuchBucket to the rest", func() {
		_, ts := startFake()
		for round := range 100 {
			Expect(do(ts, "PUT", "/racing-bucket", nil).Status).To(Equal(200), "round %d", round)
			statuses := make(chan int, 8)
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { statuses <- do(ts, "DELETE", "/racing-bucket", nil).Status })
			}
			wg.Wait()
			close(statuses)
			counts := map[int]int{}
			for st := range statuses {
				counts[st]++
			}
			Expect(counts).To(Equal(map[int]int{204: 1, 404: 7}), "round %d", round)
		}
	})
})
