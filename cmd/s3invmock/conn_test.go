package main_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// Connections that would hold the sidecar: requests whose declared body never comes,
// and a reader that takes the answer one byte at a time.
var _ = Describe("the sidecar's connections", Label("binary", "hostile"), func() {
	// served is how a well-behaved client fares: its request answers 200 within a
	// second. No keep-alive: a pooled connection would count as one the sidecar holds.
	served := func(url string) func() int {
		client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
		return func() int {
			resp, err := client.Get(url)
			if err != nil {
				return 0
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, resp.Body)
			return resp.StatusCode
		}
	}

	fdsOf := func(s *gexec.Session) func() int {
		return func() int {
			entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", s.Command.Process.Pid))
			if err != nil {
				return -1
			}
			return len(entries)
		}
	}

	When("requests declare a body they never send, under an open-files limit of 128", func() {
		It("answers each at once with Connection: close, closes it, and serves a fresh client", func() {
			// sh's ulimit lowers soft and hard limit alike: Go raises a soft limit to the
			// hard one at start, so the hard limit must be 128 too.
			cmd := exec.Command("/bin/sh", "-c", `ulimit -n 128 && exec "$0"`, binary)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "S3INVMOCK_ADDR=127.0.0.1:0",
				"S3INVMOCK_SEED=" + exampleSeed, "S3INVMOCK_ADMIN_TOKEN=t0ken"}
			s, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(func() { s.Kill().Wait() })
			Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
			base := string(readyLine.FindSubmatch(s.Out.Contents())[1])
			addr := strings.TrimPrefix(base, "http://")
			if limits, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", s.Command.Process.Pid)); err == nil {
				Expect(string(limits)).To(MatchRegexp(`Max open files\s+128\s+128`))
			}

			// The four kinds of answers given without reading the body.
			kinds := []struct{ request, body string }{
				{"PUT /nosuch?inventory&id=x", "<Code>NoSuchBucket</Code>"},
				{"POST /reports?inventory", "<Code>MethodNotAllowed</Code>"},
				{"GET /_mock/requests", `"code":"UNAUTHORIZED"`},
				{"GET /_mock/health", `"success":true`},
			}
			const hostile = 140
			answers := make(chan string, hostile)
			for i := range hostile {
				k := kinds[i%len(kinds)]
				c := dial(addr)
				_, err := io.WriteString(c, k.request+" HTTP/1.1\r\nHost: "+addr+"\r\nContent-Length: 100\r\n\r\n")
				Expect(err).NotTo(HaveOccurred())
				go func() {
					defer GinkgoRecover()
					_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
					r := bufio.NewReader(c)
					resp, err := http.ReadResponse(r, nil)
					if err != nil {
						answers <- "no answer: " + err.Error()
						return
					}
					body, _ := io.ReadAll(resp.Body)
					_, err = r.ReadByte() // the connection is closed after the answer
					// resp.Close is the answer's Connection: close (ReadResponse removes the header).
					got := fmt.Sprintf("%s close=%t, then %v", resp.Status, resp.Close, err)
					if !strings.Contains(string(body), k.body) {
						got += ", body " + string(body)
					}
					answers <- got
				}()
			}

			start := time.Now()
			Eventually(served(base+"/reports?inventory&id=daily-csv"), 10*time.Second).Should(Equal(200))
			fmt.Fprintf(GinkgoWriter, "a fresh client was served %v after %d hostile connections\n", time.Since(start), hostile)
			counts := map[string]int{}
			for range hostile {
				var got string
				Eventually(answers, 30*time.Second).Should(Receive(&got))
				counts[got]++
			}
			Expect(counts).To(Equal(map[string]int{
				"404 Not Found close=true, then EOF":          hostile / 4,
				"405 Method Not Allowed close=true, then EOF": hostile / 4,
				"401 Unauthorized close=true, then EOF":       hostile / 4,
				"200 OK close=true, then EOF":                 hostile / 4,
			}))
		})
	})

	When("a client reads a large answer one byte at a time", func() {
		// keptAlive: a first, small answer on the same connection before the large
		// one, so that the large one's write deadline is not the connection's first
		// (net/http clears it after each request; a per-connection cache of it once
		// left the second answer with none when it came within a twentieth of
		// -write-timeout of the first, which the longer timeout makes likely).
		DescribeTable("cuts its connection once a write makes no progress for -write-timeout, serving others meanwhile", func(keptAlive bool, writeTimeout string) {
			const buckets = 60000 // 8.5 MB of ListBuckets, more than the kernel buffers
			s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_SEED=" + bigSeed(buckets), "S3INVMOCK_WRITE_TIMEOUT=" + writeTimeout, "S3INVMOCK_MAX_BUCKETS=60000"})
			Eventually(s.Out, 30*time.Second).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
			base := string(readyLine.FindSubmatch(s.Out.Contents())[1])
			addr := strings.TrimPrefix(base, "http://")
			fds := fdsOf(s)
			if fds() < 0 {
				Skip("no /proc to count the sidecar's connections")
			}
			before := fds()

			d := net.Dialer{Control: smallWindow}
			c, err := d.Dial("tcp", addr)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(func() { _ = c.Close() })
			if keptAlive {
				_, err = io.WriteString(c, "GET /_mock/health HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
				Expect(err).NotTo(HaveOccurred())
				health, err := http.ReadResponse(bufio.NewReader(c), nil)
				Expect(err).NotTo(HaveOccurred())
				Expect(io.ReadAll(health.Body)).To(ContainSubstring(`"status":"ok"`))
				Expect(health.Close).To(BeFalse())
			}
			_, err = io.WriteString(c, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
			Expect(err).NotTo(HaveOccurred())
			start := time.Now()
			var trickled bytes.Buffer
			stop, stopped := make(chan struct{}), make(chan struct{})
			go func() {
				defer close(stopped)
				tick := time.NewTicker(100 * time.Millisecond)
				defer tick.Stop()
				one := make([]byte, 1)
				for {
					select {
					case <-stop:
						return
					case <-tick.C:
						if n, err := c.Read(one); err != nil {
							return
						} else {
							trickled.Write(one[:n])
						}
					}
				}
			}()

			list := served(base + "/slow-reader-000000-" + strings.Repeat("x", 40) + "?inventory")
			Eventually(fds).Should(Equal(before + 1))
			Eventually(list).Should(Equal(200))
			Eventually(fds, 15*time.Second).Should(BeNumerically("<=", before), "the stalled reader's connection is released")
			fmt.Fprintf(GinkgoWriter, "the stalled reader held its connection %v\n", time.Since(start))
			Expect(list()).To(Equal(200))

			close(stop)
			<-stopped
			Expect(c.SetReadDeadline(time.Now().Add(10 * time.Second))).To(Succeed())
			rest, _ := io.ReadAll(c) // what the kernel still held, then EOF (or a reset)
			resp, err := http.ReadResponse(bufio.NewReader(io.MultiReader(&trickled, bytes.NewReader(rest))), nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(resp.StatusCode).To(Equal(200))
			Expect(resp.ContentLength).To(BeNumerically(">", 142*buckets))
			body, err := io.ReadAll(resp.Body)
			Expect(err).To(MatchError(io.ErrUnexpectedEOF))
			Expect(int64(len(body))).To(BeNumerically("<", resp.ContentLength))
		},
			Entry("on a new connection", false, "1s"),
			Entry("after a first answer on the same kept-alive connection", true, "6s"),
		)

		It("lets latency and bandwidth faults slower than -write-timeout answer in full", func() {
			sc := writeFile("slow.yaml", "rules:\n"+
				"  - name: held\n    match: {operation: GetBucketInventoryConfiguration, id: daily-csv}\n    action: {latency: {fixed: 2s}}\n"+
				"  - name: dribbled\n    match: {operation: ListBucketInventoryConfigurations}\n    action: {bandwidth: 512B/s}\n")
			_, base := startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_WRITE_TIMEOUT=1s")
			_, _, wantGet := send("GET", base+"/reports?inventory&id=daily-csv", nil)
			_, _, wantList := send("GET", base+"/reports?inventory", nil)
			Expect(len(wantList)).To(BeNumerically(">", 1024), "the list takes more than two write timeouts at 512B/s")

			_, slow := startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_WRITE_TIMEOUT=1s", "S3INVMOCK_SCENARIO="+sc)
			status, _, body := send("GET", slow+"/reports?inventory&id=daily-csv", nil)
			Expect(status).To(Equal(200))
			Expect(body).To(Equal(wantGet))
			status, _, body = send("GET", slow+"/reports?inventory", nil)
			Expect(status).To(Equal(200))
			Expect(body).To(Equal(wantList))
		})
	})
})

// bigSeed is a seed of n buckets with long names: its ListBuckets answer is n*142 bytes.
func bigSeed(n int) string {
	var b bytes.Buffer
	b.WriteString("buckets:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: slow-reader-%06d-%s\n", i, strings.Repeat("x", 40))
	}
	return writeFile("big-seed.yaml", b.String())
}

// smallWindow asks for a 4 KiB receive buffer before connecting, so that the
// sidecar's writes block as soon as its own send buffer is full.
func smallWindow(network, address string, c syscall.RawConn) error {
	var err error
	_ = c.Control(func(fd uintptr) {
		err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
	})
	return err
}
