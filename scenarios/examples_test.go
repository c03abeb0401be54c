package scenarios_test

import (
	"context"
	"errors"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// example loads fixtures/scenarios/<name>.yaml.
func example(name string) *scenarios.Scenario {
	GinkgoHelper()
	data, err := fixtures.Scenarios.ReadFile("scenarios/" + name + ".yaml")
	Expect(err).NotTo(HaveOccurred())
	sc, err := scenarios.Parse(data)
	Expect(err).NotTo(HaveOccurred())
	return sc
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// proofs says, per example file, how it does what its comment says.
var proofs = map[string]func(){
	"throttling-storm": func() {
		f := startFake(example("throttling-storm"), "logs")
		c := f.client()
		failed := 0
		for i := range 20 {
			if putConfig(c, "logs", "c"+itoa(i)) != nil {
				failed++
			}
		}
		j := f.attempts(mock.PutBucketInventoryConfiguration)
		throttled := 0
		for _, e := range j {
			if e.ErrorCode == mock.SlowDown {
				throttled++
				Expect(e.FiredRules).To(Equal([]string{"storm"}))
			}
		}
		// About 35% of attempts are throttled, and the SDK's retries rescue most calls.
		Expect(float64(throttled) / float64(len(j))).To(BeNumerically("~", 0.35, 0.15))
		Expect(len(j)).To(BeNumerically(">", 20))
		Expect(failed).To(BeNumerically("<=", 2))
	},
	"flaky-list": func() {
		f := startFake(example("flaky-list"), "logs")
		for _, id := range []string{"a", "b", "c"} {
			Expect(putConfig(f.client(), "logs", id)).To(Succeed())
		}
		c := f.client()
		var ids []string
		var token *string
		for pages := 0; pages < 10; pages++ {
			out, err := c.ListBucketInventoryConfigurations(context.Background(),
				&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs"), ContinuationToken: token})
			Expect(err).NotTo(HaveOccurred())
			for _, ic := range out.InventoryConfigurationList {
				ids = append(ids, *ic.Id)
			}
			if !aws.ToBool(out.IsTruncated) {
				break
			}
			token = out.NextContinuationToken
		}
		Expect(ids).To(Equal([]string{"a", "b", "c"}))
		lists := f.attempts(mock.ListBucketInventoryConfigurations)
		Expect(lists).To(HaveLen(4), "three pages and one retried InternalError")
		Expect(lists[2].ErrorCode).To(Equal(mock.InternalError))
		Expect(lists[3].InvocationID).To(Equal(lists[2].InvocationID))
	},
	"paginator-trap": func() {
		f := startFake(example("paginator-trap"), "logs")
		for _, id := range []string{"a", "b", "c"} {
			Expect(putConfig(f.client(), "logs", id)).To(Succeed())
		}
		c := f.client()
		seen := map[string]bool{}
		var token *string
		looped := false
		for pages := 0; pages < 10 && !looped; pages++ {
			out, err := c.ListBucketInventoryConfigurations(context.Background(),
				&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs"), ContinuationToken: token})
			Expect(err).NotTo(HaveOccurred())
			Expect(out.IsTruncated).To(HaveValue(BeTrue()), "the trap never lets a page be the last")
			next := aws.ToString(out.NextContinuationToken)
			looped = seen[next]
			seen[next] = true
			token = out.NextContinuationToken
		}
		Expect(looped).To(BeTrue(), "a loop guard sees the token come back")
		Expect(seen).To(HaveLen(1))
	},
	"slow-get": func() {
		f := startFake(example("slow-get"), "logs")
		Expect(putConfig(f.client(), "logs", "daily")).To(Succeed())
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		err := getConfig(ctx, f.client(aws.NopRetryer{}), "logs", "daily")
		Expect(errors.Is(err, context.DeadlineExceeded)).To(BeTrue(), "got %v", err)
		ctx2, cancel2 := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel2()
		_, err = f.client().HeadBucket(ctx2, &s3.HeadBucketInput{Bucket: aws.String("logs")})
		Expect(err).NotTo(HaveOccurred())
	},
	"access-denied-bucket": func() {
		f := startFake(example("access-denied-bucket"), "forbidden-bucket", "logs")
		Expect(apiCode(putConfig(f.client(), "forbidden-bucket", "daily"))).To(Equal("AccessDenied"))
		Expect(f.attempts(mock.PutBucketInventoryConfiguration)).To(HaveLen(1), "AccessDenied is not retried")
		Expect(putConfig(f.client(), "logs", "daily")).To(Succeed())
		Expect(f.srv.Configurations("forbidden-bucket")).To(BeEmpty())
	},
	"too-many-configurations": func() {
		f := startFake(example("too-many-configurations"), "logs")
		for _, id := range []string{"a", "b", "c"} {
			Expect(putConfig(f.client(), "logs", id)).To(Succeed())
		}
		Expect(apiCode(putConfig(f.client(), "logs", "d"))).To(Equal("TooManyConfigurations"))
		Expect(f.attempts(mock.PutBucketInventoryConfiguration)).To(HaveLen(4), "not retried")
		Expect(f.srv.Configurations("logs")).To(HaveLen(3))
	},
	"fail-twice-then-succeed": func() {
		f := startFake(example("fail-twice-then-succeed"), "logs")
		Expect(putConfig(f.client(), "logs", "daily")).To(Succeed())
		j := f.attempts(mock.PutBucketInventoryConfiguration)
		Expect(j).To(HaveLen(3))
		Expect([]mock.ErrorCode{j[0].ErrorCode, j[1].ErrorCode, j[2].ErrorCode}).To(Equal([]mock.ErrorCode{mock.InternalError, mock.InternalError, ""}))
		Expect(j[2].InvocationID).To(Equal(j[0].InvocationID))
		Expect(j[2].Status).To(Equal(http.StatusNoContent))
		Expect(f.engine.Status().State).To(Equal("Recovered"))
	},
}

var _ = Describe("The example scenarios in fixtures", func() {
	files, err := fixtures.ScenarioFiles()
	if err != nil {
		panic(err)
	}

	It("has a proof for every example and an example for every proof", func() {
		var names []string
		for _, f := range files {
			names = append(names, strings.TrimSuffix(path.Base(f), path.Ext(f)))
		}
		Expect(names).To(ConsistOf(append(keys(proofs), keys(deliveryProofs)...)))
	})

	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), path.Ext(file))
		It(name+" loads, opens with a comment, and does what the comment says", func() {
			data, err := fixtures.Scenarios.ReadFile(file)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(data)).To(HavePrefix("# "))
			Expect(data).To(ContainSubstring("Exercises"))
			proof, ok := proofs[name]
			if !ok {
				proof, ok = deliveryProofs[name]
			}
			Expect(ok).To(BeTrue(), "no proof for %s", file)
			proof()
		})
	}
})

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
