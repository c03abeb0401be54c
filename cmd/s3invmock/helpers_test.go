package main_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

// exampleSeed is the seed fixtures ships, as a file path from this package.
const exampleSeed = "../../fixtures/seeds/example.yaml"

var readyLine = regexp.MustCompile(`s3invmock listening on (http://127\.0\.0\.1:\d+)\n`)

// launch runs the binary with only the given environment (and args), stopping it
// when the spec ends.
func launch(env []string, args ...string) *gexec.Session {
	GinkgoHelper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	s, err := gexec.Start(cmd, GinkgoWriter, GinkgoWriter)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { s.Kill().Wait() })
	return s
}

// startSidecar launches the binary on a free loopback port, configured by env only,
// and returns it with its base URL once the ready line is out.
func startSidecar(env ...string) (*gexec.Session, string) {
	GinkgoHelper()
	s := launch(append([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, env...))
	Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
	m := readyLine.FindSubmatch(s.Out.Contents())
	Expect(m).NotTo(BeNil())
	return s, string(m[1])
}

// send makes one request and reads the whole answer.
func send(method, url string, body []byte, header ...string) (int, http.Header, string) {
	GinkgoHelper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return resp.StatusCode, resp.Header, string(b)
}

// document is a valid configuration document for id.
func document(id, prefix string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily` +
		`</Frequency></Schedule><Filter><Prefix>` + prefix + `</Prefix></Filter>` +
		`<IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`)
}

// clientView is every answer a client can see: ListBuckets, each List page and each
// Get, keyed by request target.
func clientView(base string, buckets map[string][]string) map[string]string {
	GinkgoHelper()
	view := map[string]string{}
	get := func(target string) string {
		status, _, body := send("GET", base+target, nil)
		return fmt.Sprintf("%d %s", status, body)
	}
	view["/"] = get("/")
	token := regexp.MustCompile(`<NextContinuationToken>([^<]+)</NextContinuationToken>`)
	escape := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D")
	for bucket, ids := range buckets {
		target := "/" + bucket + "?inventory"
		for {
			view[target] = get(target)
			m := token.FindStringSubmatch(view[target])
			if m == nil {
				break
			}
			target = "/" + bucket + "?inventory&continuation-token=" + escape.Replace(m[1])
		}
		for _, id := range ids {
			view["/"+bucket+"?inventory&id="+id] = get("/" + bucket + "?inventory&id=" + id)
		}
	}
	return view
}

// writeFile writes a file into the spec's temporary directory and returns its path.
func writeFile(name, content string) string {
	GinkgoHelper()
	p := filepath.Join(GinkgoT().TempDir(), name)
	Expect(os.WriteFile(p, []byte(content), 0o644)).To(Succeed())
	return p
}

// modeOf is a file's permission bits.
func modeOf(path string) os.FileMode {
	GinkgoHelper()
	fi, err := os.Stat(path)
	Expect(err).NotTo(HaveOccurred())
	return fi.Mode().Perm()
}

// dial opens a raw loopback connection to addr, closed when the spec ends.
func dial(addr string) net.Conn {
	GinkgoHelper()
	c, err := net.Dial("tcp", addr)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { _ = c.Close() })
	return c
}
