package mock_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// staleFake serves a fake whose hook makes every call see stale reads of sr, with a
// clock that the spec moves (atomic: the server reads it on its own goroutines).
func staleFake(sr mock.StaleRead, clock *atomic.Int64) *s3.Client {
	GinkgoHelper()
	clock.Store(fixedNow.UnixNano())
	hook := mock.HookFunc(func(w http.ResponseWriter, r *http.Request, c *mock.Call, next http.HandlerFunc) {
		c.Stale = &sr
		next(w, r)
	})
	srv, ts := startFake(mock.WithHook(hook), mock.WithClock(func() time.Time { return time.Unix(0, clock.Load()).UTC() }))
	Expect(srv.AddBucket("logs")).To(Succeed())
	return sdkClient(ts)
}

func getCode(c *s3.Client, id string) string {
	GinkgoHelper()
	_, err := c.GetBucketInventoryConfiguration(context.Background(), &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("logs"), Id: aws.String(id)})
	return errorCode(err)
}

func listIDs(c *s3.Client) []string {
	GinkgoHelper()
	out, err := c.ListBucketInventoryConfigurations(context.Background(), &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs")})
	Expect(err).NotTo(HaveOccurred())
	ids := []string{}
	for _, ic := range out.InventoryConfigurationList {
		ids = append(ids, *ic.Id)
	}
	return ids
}

// errorCode is the S3 code an SDK call failed with, "" when it did not.
func errorCode(err error) string {
	if err == nil {
		return ""
	}
	return apiError(err).ErrorCode()
}

func deleteCode(c *s3.Client, id string) string {
	GinkgoHelper()
	_, err := c.DeleteBucketInventoryConfiguration(context.Background(), &s3.DeleteBucketInventoryConfigurationInput{
		Bucket: aws.String("logs"), Id: aws.String(id)})
	return errorCode(err)
}

var _ = Describe("Call.Stale (propagation lag)", func() {
	var clock atomic.Int64
	advance := func(d time.Duration) { clock.Add(int64(d)) }

	When("Requests is 2", func() {
		It("lets the two calls after a PUT see the bucket without it, then the third finds it", func() {
			c := staleFake(mock.StaleRead{Requests: 2, Counter: "lag"}, &clock)
			Expect(putConfiguration(c, "logs", "daily")).To(Succeed())
			Expect(getCode(c, "daily")).To(Equal("NoSuchConfiguration"))
			Expect(listIDs(c)).To(BeEmpty())
			Expect(getCode(c, "daily")).To(BeEmpty())
			Expect(listIDs(c)).To(Equal([]string{"daily"}))
		})

		It("lets a Get right after a Delete still find the configuration, and that Delete's retry answer 204", func() {
			c := staleFake(mock.StaleRead{Requests: 2, Counter: "lag"}, &clock)
			Expect(putConfiguration(c, "logs", "a")).To(Succeed())
			Expect(putConfiguration(c, "logs", "daily")).To(Succeed())
			Expect(listIDs(c)).To(Equal([]string{"a"}))
			Expect(listIDs(c)).To(Equal([]string{"a"}), "the two stale calls after the PUT are spent")
			Expect(deleteCode(c, "daily")).To(BeEmpty())
			Expect(getCode(c, "daily")).To(BeEmpty(), "still found")
			Expect(deleteCode(c, "daily")).To(BeEmpty(), "found as before, nothing left to delete")
			Expect(getCode(c, "daily")).To(Equal("NoSuchConfiguration"))
			Expect(listIDs(c)).To(Equal([]string{"a"}))
		})

		It("answers a Delete right after the PUT NoSuchConfiguration and deletes nothing", func() {
			c := staleFake(mock.StaleRead{Requests: 1, Counter: "lag"}, &clock)
			Expect(putConfiguration(c, "logs", "daily")).To(Succeed())
			Expect(deleteCode(c, "daily")).To(Equal("NoSuchConfiguration"))
			Expect(listIDs(c)).To(Equal([]string{"daily"}))
		})
	})

	When("For is 2s", func() {
		It("hides a PUT from the calls received within 2 s of it, on the server's clock", func() {
			c := staleFake(mock.StaleRead{For: 2 * time.Second}, &clock)
			Expect(putConfiguration(c, "logs", "b")).To(Succeed())
			advance(time.Minute)
			Expect(putConfiguration(c, "logs", "a")).To(Succeed())
			advance(1999 * time.Millisecond)
			Expect(getCode(c, "a")).To(Equal("NoSuchConfiguration"))
			Expect(getCode(c, "b")).To(BeEmpty(), "the change before the last has propagated")
			Expect(listIDs(c)).To(Equal([]string{"b"}))
			advance(time.Millisecond)
			Expect(getCode(c, "a")).To(BeEmpty())
			Expect(listIDs(c)).To(Equal([]string{"a", "b"}))
		})
	})

	When("a PUT is held before it is applied", func() {
		It("counts For from the change, not from the PUT's arrival", func() {
			clock.Store(fixedNow.UnixNano())
			hook := mock.HookFunc(func(w http.ResponseWriter, r *http.Request, c *mock.Call, next http.HandlerFunc) {
				c.Stale = &mock.StaleRead{For: 2 * time.Second}
				if c.Operation == mock.PutBucketInventoryConfiguration {
					advance(5 * time.Second) // a latency fault's hold, on the server's clock
				}
				next(w, r)
			})
			srv, ts := startFake(mock.WithHook(hook), mock.WithClock(func() time.Time { return time.Unix(0, clock.Load()).UTC() }))
			Expect(srv.AddBucket("logs")).To(Succeed())
			c := sdkClient(ts)
			Expect(putConfiguration(c, "logs", "daily")).To(Succeed())
			Expect(getCode(c, "daily")).To(Equal("NoSuchConfiguration"), "within 2 s of the change")
			advance(2 * time.Second)
			Expect(getCode(c, "daily")).To(BeEmpty())
		})
	})

	When("no hook sets it", func() {
		It("reads the current configurations at once", func() {
			_, ts := startFake()
			c := sdkClient(ts)
			_, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("logs")})
			Expect(err).NotTo(HaveOccurred())
			Expect(putConfiguration(c, "logs", "daily")).To(Succeed())
			Expect(getCode(c, "daily")).To(BeEmpty())
		})
	})
})
