package main_test

import (
	"net/http"
	"regexp"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
)

// gcGoal is the heap goal of each collection the runtime traces (GODEBUG=gctrace=1),
// in MB.
var gcGoal = regexp.MustCompile(`, (\d+) MB goal,`)

// largestGoal starts the sidecar with env, makes enough ListBuckets requests to run
// several collections, and returns the largest heap goal it traced.
func largestGoal(env ...string) int {
	GinkgoHelper()
	s := launch(append([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "GODEBUG=gctrace=1"}, env...))
	Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
	base := string(readyLine.FindSubmatch(s.Out.Contents())[1])
	for range 20000 {
		status, _, _ := send(http.MethodGet, base+"/", nil)
		Expect(status).To(Equal(http.StatusOK))
	}
	largest := 0
	for _, m := range gcGoal.FindAllStringSubmatch(string(s.Err.Contents()), -1) {
		mb, err := strconv.Atoi(m[1])
		Expect(err).NotTo(HaveOccurred())
		largest = max(largest, mb)
	}
	return largest
}

var _ = Describe("the sidecar's GC under load", Label("binary"), func() {
	It("lets a small heap grow well past Go's default before collecting", func() {
		Expect(largestGoal()).To(BeNumerically(">=", 16), "a live heap of a few MB, goal at 8 times it")
	})

	It("leaves GOGC to the user when it is set", func() {
		Expect(largestGoal("GOGC=100")).To(BeNumerically("<", 16))
	})
})
