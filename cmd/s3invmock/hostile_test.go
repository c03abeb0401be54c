package main_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

// Hostile clients against the real binary: each spec opens connections that misbehave
// and checks that the sidecar cuts them off or answers them as it should, that a normal
// client is served meanwhile, and that the connections' goroutines go away (each holds
// one file descriptor of the sidecar, counted in /proc) as do the spec's own.
// idleConnections is how many idle keep-alive connections a spec holds open at once.
const idleConnections = 2000

// raiseOpenFiles lifts this process's soft limit on open files to n where the hard
// limit allows (a CI runner's default soft limit is often 1,024).
func raiseOpenFiles(n uint64) {
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim) != nil || lim.Cur >= n {
		return
	}
	lim.Cur = min(n, lim.Max)
	_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
}

var _ = Describe("hostile clients", Label("binary", "hostile"), func() {
	var (
		session *gexec.Session
		base    string
		addr    string
	)

	BeforeEach(func() {
		raiseOpenFiles(2*idleConnections + 500) // before the sidecar starts: it inherits it
		session, base = startSidecar("S3INVMOCK_SEED=" + exampleSeed)
		addr = strings.TrimPrefix(base, "http://")
	})

	// served is how a well-behaved client fares: its Get answers 200 within a second.
	served := func() int {
		client := &http.Client{Timeout: time.Second}
		resp, err := client.Get(base + "/reports?inventory&id=daily-csv")
		if err != nil {
			return 0
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode
	}

	// reply reads one answer on c in the background: its status line and body, or
	// "closed" when the server closes the connection instead.
	reply := func(c net.Conn) chan string {
		out := make(chan string, 1)
		go func() {
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				out <- "closed"
				return
			}
			b, _ := io.ReadAll(resp.Body)
			out <- resp.Status + " " + string(b)
		}()
		return out
	}

	// fds counts the sidecar's open file descriptors; -1 where /proc is missing.
	fds := func() int {
		entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", session.Command.Process.Pid))
		if err != nil {
			return -1
		}
		return len(entries)
	}

	It("closes a connection whose headers never finish, answers a body that never finishes, and serves others meanwhile", func() {
		slowloris := dial(addr)
		_, err := io.WriteString(slowloris, "GET /reports?inventory HTTP/1.1\r\nHost: "+addr+"\r\nX-Slow: a")
		Expect(err).NotTo(HaveOccurred())
		stalled := dial(addr)
		_, err = io.WriteString(stalled, "PUT /reports?inventory&id=x HTTP/1.1\r\nHost: "+addr+
			"\r\nContent-Length: 1000\r\n\r\n<InventoryConfiguration>")
		Expect(err).NotTo(HaveOccurred())
		cutOff, bodyAnswer := reply(slowloris), reply(stalled)

		Eventually(served).Should(Equal(200))
		// readHeaderTimeout and bodyTimeout are 10 s.
		Eventually(cutOff, 15*time.Second).Should(Receive(Equal("closed")))
		var answer string
		Eventually(bodyAnswer, 15*time.Second).Should(Receive(&answer))
		Expect(answer).To(HavePrefix("400 Bad Request "))
		Expect(answer).To(ContainSubstring("<Code>IncompleteBody</Code>"))
		Expect(served()).To(Equal(200))
	})

	It("answers 431 to headers past the limit", func() {
		c := dial(addr)
		_, err := io.WriteString(c, "GET /reports?inventory HTTP/1.1\r\nHost: "+addr+"\r\nX-Big: "+
			strings.Repeat("a", 100<<10)+"\r\n\r\n")
		Expect(err).NotTo(HaveOccurred())
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(resp.StatusCode).To(Equal(http.StatusRequestHeaderFieldsTooLarge))
		Expect(served()).To(Equal(200))
	})

	It("refuses a 1 GiB body with MaxMessageLengthExceeded without reading it", func() {
		c := dial(addr)
		_, err := io.WriteString(c, "PUT /reports?inventory&id=big HTTP/1.1\r\nHost: "+addr+
			"\r\nContent-Length: 1073741824\r\n\r\n<InventoryConfiguration>")
		Expect(err).NotTo(HaveOccurred())
		// Not one more byte is sent: the answer can only come from the headers.
		Expect(c.SetReadDeadline(time.Now().Add(5 * time.Second))).To(Succeed())
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		Expect(err).NotTo(HaveOccurred())
		body, _ := io.ReadAll(resp.Body)
		Expect(resp.StatusCode).To(Equal(400))
		Expect(string(body)).To(ContainSubstring("<Code>MaxMessageLengthExceeded</Code>"))
		Expect(served()).To(Equal(200))
	})

	It("serves a normal client beside 2,000 idle keep-alive connections, and lets them all go", func() {
		if fds() < 0 {
			Skip("no /proc to count the sidecar's connections")
		}
		var lim syscall.Rlimit
		Expect(syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)).To(Succeed())
		if lim.Cur < 2*idleConnections+500 {
			Skip(fmt.Sprintf("the open-files limit (%d) is too low for %d connections", lim.Cur, idleConnections))
		}
		before, goroutines := fds(), runtime.NumGoroutine()
		conns := make([]net.Conn, idleConnections)
		for i := range conns {
			conns[i] = dial(addr)
			_, err := io.WriteString(conns[i], "HEAD /reports HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
			Expect(err).NotTo(HaveOccurred())
		}
		for _, c := range conns {
			resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: "HEAD"})
			Expect(err).NotTo(HaveOccurred())
			Expect(resp.StatusCode).To(Equal(200))
		}
		Expect(fds()).To(BeNumerically(">=", before+idleConnections))
		Eventually(served).Should(Equal(200))
		for _, c := range conns {
			Expect(c.Close()).To(Succeed())
		}
		Eventually(fds, 10*time.Second).Should(BeNumerically("<=", before+5))
		Eventually(runtime.NumGoroutine).Should(BeNumerically("<=", goroutines+5))
		Expect(served()).To(Equal(200))
	})

	It("lets clients vanish mid-answer, also from a bandwidth-limited one, and forgets them", func() {
		if fds() < 0 {
			Skip("no /proc to count the sidecar's connections")
		}
		Expect(session.Kill().Wait()).To(gexec.Exit())
		scenario := writeFile("slow-list.yaml", "rules:\n  - name: slow-list\n    match: {operation: ListBucketInventoryConfigurations}\n"+
			"    action: {bandwidth: 64B/s}\n")
		session, base = startSidecar("S3INVMOCK_SEED="+exampleSeed, "S3INVMOCK_SCENARIO="+scenario)
		addr = strings.TrimPrefix(base, "http://")
		before := fds()
		for i := range 200 {
			c := dial(addr)
			target := "/reports?inventory"
			if i%2 == 0 {
				target += "&id=daily-csv" // fast: gone before or while the answer is written
			}
			_, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
			Expect(err).NotTo(HaveOccurred())
			if i%4 < 2 {
				_, err = c.Read(make([]byte, 16)) // a few bytes of the answer, then gone
				Expect(err).NotTo(HaveOccurred())
			}
			Expect(c.Close()).To(Succeed())
		}
		Eventually(served).Should(Equal(200))
		Eventually(fds, 10*time.Second).Should(BeNumerically("<=", before+5))
	})
})
