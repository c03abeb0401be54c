package scenarios_test

import (
	"math"
	"math/rand/v2"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/scenarios"
)

var _ = Describe("Latency.Sample", func() {
	draws := func(l *scenarios.Latency, seed uint64) []time.Duration {
		r := rand.New(rand.NewPCG(seed, seed))
		out := make([]time.Duration, 1000)
		for i := range out {
			out[i] = l.Sample(r)
		}
		return out
	}
	It("is exact for fixed", func() {
		Expect(draws(scenarios.Fixed(300*time.Millisecond), 1)).To(HaveEach(300 * time.Millisecond))
	})
	It("stays within min..max and centres for uniform", func() {
		d := draws(scenarios.UniformLatency(50*time.Millisecond, 2*time.Second), 7)
		Expect(d).To(HaveEach(And(BeNumerically(">=", 50*time.Millisecond), BeNumerically("<=", 2*time.Second))))
		Expect(mean(d)).To(BeNumerically("~", 1025*time.Millisecond, 60*time.Millisecond))
	})
	It("puts half the lognormal draws below the median, all positive", func() {
		for _, seed := range []uint64{1, 2, 3} {
			d := draws(scenarios.LogNormalLatency(80*time.Millisecond, 0.5), seed)
			Expect(d).To(HaveEach(BeNumerically(">", 0)))
			below := 0
			for _, x := range d {
				if x < 80*time.Millisecond {
					below++
				}
			}
			Expect(below).To(BeNumerically("~", 500, 50))
			// One sigma either side of the log holds 68.3% of the draws.
			lo, hi := time.Duration(float64(80*time.Millisecond)*math.Exp(-0.5)), time.Duration(float64(80*time.Millisecond)*math.Exp(0.5))
			within := 0
			for _, x := range d {
				if x >= lo && x <= hi {
					within++
				}
			}
			Expect(within).To(BeNumerically("~", 683, 50))
			// 4.5 sigma either side: a draw outside is a one-in-150,000 event.
			Expect(d).To(HaveEach(And(BeNumerically(">", 80*time.Millisecond/10), BeNumerically("<", 80*time.Millisecond*10))))
		}
	})
	It("replays the same draws for the same seed", func() {
		l := scenarios.LogNormalLatency(time.Second, 1)
		Expect(draws(l, 9)).To(Equal(draws(l, 9)))
	})
})

func mean(d []time.Duration) time.Duration {
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return sum / time.Duration(len(d))
}
