package main_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// stalledWriter blocks every Write until opened: a stderr nobody reads.
type stalledWriter struct{ open chan struct{} }

func (w stalledWriter) Write(p []byte) (int, error) { <-w.open; return len(p), nil }

var dropLine = regexp.MustCompile(`s3invmock: dropped (\d+) request log lines under back-pressure\n`)

// getMany sends n Gets on one keep-alive connection; each must be answered within the
// client's timeout, whatever stderr does.
func getMany(base string, n int) {
	GinkgoHelper()
	c := &http.Client{Timeout: 10 * time.Second}
	for i := range n {
		resp, err := c.Get(base + "/reports?inventory&id=missing-" + strconv.Itoa(i))
		Expect(err).NotTo(HaveOccurred(), "request %d", i)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(404))
	}
}

var _ = Describe("the request log of the binary", Label("binary"), func() {
	When("stderr takes every line", func() {
		It("writes every line, the last ones at shutdown", func() {
			s, base := startSidecar()
			getMany(base, 300)
			s.Signal(syscall.SIGTERM)
			Eventually(s).Should(gexec.Exit(0))
			stderr := string(s.Err.Contents())
			Expect(strings.Count(stderr, " msg=request operation=")).To(Equal(300))
			Expect(stderr).NotTo(ContainSubstring("dropped"))
		})
	})

	When("nobody reads stderr", func() {
		It("answers every request, drops lines and reports how many", func() {
			stalled := stalledWriter{open: make(chan struct{})}
			cmd := exec.Command(binary)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_LOG=json"}
			s, err := gexec.Start(cmd, GinkgoWriter, stalled)
			Expect(err).NotTo(HaveOccurred())
			opened := false
			open := func() {
				if !opened {
					opened = true
					close(stalled.open)
				}
			}
			DeferCleanup(func() { open(); s.Kill().Wait() })
			Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
			base := string(readyLine.FindSubmatch(s.Out.Contents())[1])

			// The pipe (64 KiB), gexec's copy and the sidecar's buffer (64 KiB) hold
			// about 700 lines; the rest must be dropped, not waited for.
			const requests = 2000
			getMany(base, requests)

			open()
			Eventually(s.Err).Should(gbytes.Say(`s3invmock: dropped \d+ request log lines under back-pressure\n`))
			s.Signal(syscall.SIGTERM)
			Eventually(s).Should(gexec.Exit(0))
			// Every line is written or counted.
			stderr := string(s.Err.Contents())
			dropped := 0
			for _, m := range dropLine.FindAllStringSubmatch(stderr, -1) {
				n, err := strconv.Atoi(m[1])
				Expect(err).NotTo(HaveOccurred())
				dropped += n
			}
			Expect(dropped).To(BeNumerically(">", 0))
			Expect(strings.Count(stderr, `"msg":"request"`) + dropped).To(Equal(requests))
		})
	})
})
