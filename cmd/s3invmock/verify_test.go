package main_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// verifySeed has one account whose key has a secret, and two buckets it owns.
const verifySeed = `accounts:
  - id: "111122223333"
    keys:
      - {accessKeyId: AKIAOWNER0000000001, secretAccessKey: owner-secret}
buckets:
  - {name: reports, owner: "111122223333"}
  - {name: archive, owner: "111122223333"}
`

// signedWithoutHost is a PUT of body to target, signed as the seed's key at the wall
// clock with x-amz-content-sha256 and x-amz-date only: SigV4 by hand, since a real
// SDK always signs host.
func signedWithoutHost(url, path, query string, body []byte) *http.Request {
	GinkgoHelper()
	req, err := http.NewRequest(http.MethodPut, url+path+"?"+query, bytes.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	now := time.Now().UTC()
	amzDate, day := now.Format("20060102T150405Z"), now.Format("20060102")
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Date", amzDate)
	req.Header.Set("X-Amz-Content-Sha256", hash)
	canonical := "PUT\n" + path + "\n" + strings.ReplaceAll(query, "inventory&", "inventory=&") + "\n" +
		"x-amz-content-sha256:" + hash + "\nx-amz-date:" + amzDate + "\n\nx-amz-content-sha256;x-amz-date\n" + hash
	scope := day + "/us-east-1/s3/aws4_request"
	cr := sha256.Sum256([]byte(canonical))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(cr[:])
	mac := func(key []byte, data string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(data))
		return h.Sum(nil)
	}
	key := mac([]byte("AWS4owner-secret"), day)
	for _, part := range []string{"us-east-1", "s3", "aws4_request"} {
		key = mac(key, part)
	}
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAOWNER0000000001/"+scope+
		", SignedHeaders=x-amz-content-sha256;x-amz-date, Signature="+hex.EncodeToString(mac(key, toSign)))
	return req
}

func do(req *http.Request) (int, string) {
	GinkgoHelper()
	resp, err := http.DefaultClient.Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return resp.StatusCode, string(b)
}

var _ = Describe("the sidecar with S3INVMOCK_AUTH=verify", Label("binary"), func() {
	var base string
	BeforeEach(func() {
		_, base = startSidecar("S3INVMOCK_AUTH=verify", "S3INVMOCK_SEED="+writeFile("seed.yaml", verifySeed))
	})

	It("answers 403 AccessDenied HeadersNotSigned host to a signature without host, and to its replay on another bucket's virtual host", func() {
		first := signedWithoutHost(base, "/", "id=stolen&inventory", document("stolen", "p/"))
		first.Host = "reports.localhost"
		for _, host := range []string{"reports.localhost", "archive.localhost"} {
			req := signedWithoutHost(base, "/", "id=stolen&inventory", document("stolen", "p/"))
			req.Host = host
			for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Content-Sha256"} {
				req.Header.Set(h, first.Header.Get(h))
			}
			status, body := do(req)
			Expect(status).To(Equal(http.StatusForbidden), host)
			Expect(body).To(ContainSubstring("<Code>AccessDenied</Code><Message>There were headers present in the request " +
				"which were not signed</Message><HeadersNotSigned>host</HeadersNotSigned>"))
		}
		_, _, state := send("GET", base+"/_mock/state", nil)
		Expect(state).NotTo(ContainSubstring("stolen"))
	})

	When("no admin token is set", func() {
		It("redacts secret keys in GET /_mock/state", func() {
			status, _, body := send("GET", base+"/_mock/state", nil)
			Expect(status).To(Equal(http.StatusOK))
			Expect(body).To(ContainSubstring(`"keys":[{"accessKeyId":"AKIAOWNER0000000001","secretAccessKey":"REDACTED"}]`))
			Expect(body).NotTo(ContainSubstring("owner-secret"))
		})

		DescribeTable("answers 403 FORBIDDEN naming S3INVMOCK_ADMIN_TOKEN and keeps the accounts",
			func(method, path string, body string) {
				status, _, answer := send(method, base+path, []byte(body))
				Expect(status).To(Equal(http.StatusForbidden))
				Expect(answer).To(Equal(`{"success":false,"error":{"code":"FORBIDDEN","message":"signatures are verified ` +
					`and no admin token is set, so this endpoint, which changes accounts or state, is closed; set ` +
					`S3INVMOCK_ADMIN_TOKEN (WithAdminToken) and send Authorization: Bearer <token>"}}` + "\n"))
				_, _, state := send("GET", base+"/_mock/state", nil)
				Expect(state).To(ContainSubstring(`"accessKeyId":"AKIAOWNER0000000001"`))
				Expect(state).To(ContainSubstring(`"name":"archive"`))
			},
			Entry("PUT /_mock/state", "PUT", "/_mock/state", "accounts: []\nbuckets: []\n"),
			Entry("POST /_mock/reset", "POST", "/_mock/reset", ""),
			Entry("PUT /_mock/replay", "PUT", "/_mock/replay", "version: 1\nentries: []\n"),
		)
	})
})
