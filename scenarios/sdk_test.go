package scenarios_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

var _ = Describe("Scenarios through the AWS SDK for Go v2", func() {
	const put = mock.PutBucketInventoryConfiguration

	DescribeTable("the SDK retries a retryable error and succeeds after times: 2",
		func(code mock.ErrorCode) {
			f := startFake(scenarios.New().Rule("flaky").On(put).Times(2).Fail(code).MustBuild(), "logs")
			Expect(putConfig(f.client(), "logs", "daily")).To(Succeed())
			tries := f.attempts(put)
			Expect(tries).To(HaveLen(3))
			for i, t := range tries {
				Expect(t.InvocationID).To(And(Not(BeEmpty()), Equal(tries[0].InvocationID)))
				Expect(t.Attempt).To(Equal(i + 1))
			}
			Expect(tries[0].ErrorCode).To(Equal(code))
			Expect(tries[1].FiredRules).To(Equal([]string{"flaky"}))
			Expect(tries[2].FiredRules).To(BeEmpty())
			Expect(tries[2].Status).To(Equal(http.StatusNoContent))
		},
		Entry("SlowDown", mock.SlowDown),
		Entry("InternalError", mock.InternalError),
	)

	It("does not retry AccessDenied, and an injected error changes no state", func() {
		f := startFake(scenarios.New().Rule("deny").Bucket("logs").Fail(mock.AccessDenied).MustBuild(), "logs")
		err := putConfig(f.client(), "logs", "daily")
		var ae smithy.APIError
		Expect(errors.As(err, &ae)).To(BeTrue())
		Expect(ae.ErrorCode()).To(Equal("AccessDenied"))
		Expect(f.attempts(put)).To(HaveLen(1))
		Expect(f.srv.Configurations("logs")).To(BeEmpty())
	})

	It("surfaces reset as a connection error", func() {
		f := startFake(scenarios.New().Rule("rst").On(mock.GetBucketInventoryConfiguration).Fault(scenarios.FaultReset).MustBuild(), "logs")
		err := getConfig(context.Background(), f.client(aws.NopRetryer{}), "logs", "daily")
		var sendErr *smithyhttp.RequestSendError
		Expect(errors.As(err, &sendErr)).To(BeTrue(), "want a request send failure, got %v", err)
		Expect(err).To(MatchError(ContainSubstring("connection reset by peer")))
	})

	It("surfaces close as an EOF and truncate as a short body", func() {
		f := startFake(load(`
rules:
  - {name: close, match: {operation: HeadBucket}, action: {fault: close}}
  - {name: cut, match: {operation: ListBucketInventoryConfigurations}, action: {fault: truncate}}
`), "logs")
		c := f.client(aws.NopRetryer{})
		_, err := c.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("logs")})
		Expect(err).To(MatchError(ContainSubstring("EOF")))
		_, err = c.ListBucketInventoryConfigurations(context.Background(), &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs")})
		Expect(err).To(MatchError(Or(ContainSubstring("unexpected EOF"), ContainSubstring("deserialization failed"))))
	})

	It("makes the SDK fail to read a malformed answer, with the real status", func() {
		f := startFake(load(`{"rules": [{"name": "garble", "action": {"fault": "malformed"}}]}`), "logs")
		_, err := f.client(aws.NopRetryer{}).ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs")})
		Expect(err).To(MatchError(ContainSubstring("XML syntax error")))
		Expect(f.attempts(mock.ListBucketInventoryConfigurations)[0].Status).To(Equal(http.StatusOK))
	})

	It("lets the client's timeout cut a hang, and the server then shuts down promptly", func() {
		before := runtime.NumGoroutine()
		f := startFake(scenarios.New().Rule("hang").On(mock.GetBucketInventoryConfiguration).Fault(scenarios.FaultHang).MustBuild(), "logs")
		hc := &http.Client{Timeout: 200 * time.Millisecond, Transport: &http.Transport{}}
		err := getConfig(context.Background(), f.clientWith(hc, aws.NopRetryer{}), "logs", "daily")
		Expect(err).To(MatchError(ContainSubstring("Client.Timeout")))
		closed := make(chan struct{})
		go func() { f.ts.Close(); close(closed) }()
		Eventually(closed).WithTimeout(2 * time.Second).Should(BeClosed())
		hc.CloseIdleConnections()
		Eventually(runtime.NumGoroutine).WithTimeout(5 * time.Second).Should(BeNumerically("<=", before))
	})

	It("lets the server shut down when the engine closes, even if the client never gives up", func() {
		f := startFake(scenarios.New().Rule("hang").Fault(scenarios.FaultHang).MustBuild(), "logs")
		tr := &http.Transport{}
		DeferCleanup(tr.CloseIdleConnections)
		done := make(chan error, 1)
		go func() {
			done <- getConfig(context.Background(), f.clientWith(&http.Client{Transport: tr}, aws.NopRetryer{}), "logs", "daily")
		}()
		Eventually(func() uint64 { return f.engine.Status().Rules[0].Fired }).Should(BeEquivalentTo(1))
		closed := make(chan struct{})
		go func() { _ = f.engine.Close(); f.ts.Close(); close(closed) }()
		Eventually(closed).WithTimeout(2 * time.Second).Should(BeClosed())
		Eventually(done).Should(Receive(HaveOccurred()))
	})

	It("releases a hang when the scenario is cleared: the client sees the connection close", func() {
		f := startFake(scenarios.New().Rule("hang").Fault(scenarios.FaultHang).MustBuild(), "logs")
		// A fresh connection: on a reused one Go's transport retries a GET after the close.
		tr := &http.Transport{}
		DeferCleanup(tr.CloseIdleConnections)
		done := make(chan error, 1)
		go func() {
			resp, err := (&http.Client{Transport: tr}).Get(f.ts.URL + "/logs?inventory")
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
			done <- err
		}()
		Eventually(func() uint64 { return f.engine.Status().Rules[0].Fired }).Should(BeEquivalentTo(1))
		Consistently(done).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		f.engine.Clear()
		Eventually(done).Should(Receive(MatchError(ContainSubstring("EOF"))))
	})

	It("gives the same pattern twice for a seeded probability", func() {
		pattern := func() []bool {
			f := startFake(scenarios.New().Seed(11).Rule("coin").On(mock.HeadBucket).Probability(0.5).Fail(mock.ServiceUnavailable).MustBuild(), "logs")
			c := f.client(aws.NopRetryer{})
			var out []bool
			for range 30 {
				_, err := c.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("logs")})
				out = append(out, err != nil)
			}
			return out
		}
		first := pattern()
		Expect(first).To(ContainElement(true))
		Expect(first).To(ContainElement(false))
		Expect(pattern()).To(Equal(first))
	})

	It("holds a slow body back past a client's timeout", func() {
		f := startFake(scenarios.New().Rule("dribble").On(mock.ListBucketInventoryConfigurations).Bandwidth(64).MustBuild(), "logs")
		hc := &http.Client{Timeout: 300 * time.Millisecond}
		_, err := f.clientWith(hc, aws.NopRetryer{}).ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs")})
		Expect(err).To(MatchError(ContainSubstring("Client.Timeout")))
	})

	It("matches the caller's access key and account as the fake resolved them", func() {
		f := startFake(load(`
rules:
  - {name: key, match: {operation: HeadBucket, accessKey: "AKID*"}}
  - {name: account, match: {operation: HeadBucket, account: "1234567890??"}}
  - {name: other-key, match: {operation: HeadBucket, accessKey: "AKIA*"}}
  - {name: other-account, match: {operation: HeadBucket, account: "999*"}}
`), "logs")
		_, err := f.client().HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("logs")})
		Expect(err).NotTo(HaveOccurred())
		j := f.attempts(mock.HeadBucket)
		Expect(j[0].FiredRules).To(Equal([]string{"key", "account"}))
		Expect(j[0].Account).To(Equal(mock.DefaultAccount))
	})

	It("records the fired rules in the journal", func() {
		f := startFake(scenarios.New().
			Rule("count").On(mock.HeadBucket).
			Rule("late").On(mock.HeadBucket).After(1).Fail(mock.SlowDown).
			MustBuild(), "logs")
		c := f.client(aws.NopRetryer{})
		for range 2 {
			_, _ = c.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("logs")})
		}
		j := f.attempts(mock.HeadBucket)
		Expect(j[0].FiredRules).To(Equal([]string{"count"}))
		Expect(j[1].FiredRules).To(Equal([]string{"count", "late"}))
		Expect(j[1].ErrorCode).To(Equal(mock.SlowDown))
	})
})
