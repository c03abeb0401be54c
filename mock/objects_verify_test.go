package mock_test

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/object"
)

var _ = Describe("GetObject in verify mode", func() {
	It("answers a presigned GetObject of the owner with the object's bytes, and refuses the same URL for another key: SignatureDoesNotMatch", func() {
		srv, ts := verifyFake(fixedNow)
		Expect(srv.PutObjectVersions("reports", object.Version{Key: "inv/manifest.json", IsLatest: true,
			Body: []byte(`{"sourceBucket": "src"}`)})).To(Succeed())
		u := presignedURL(ts, http.MethodGet, "/reports/inv/manifest.json", ownerKey, fixedNow, time.Hour)
		r := send(ts, rawRequest(ts, http.MethodGet, u[len(ts.URL):], nil))
		Expect(r.Status).To(Equal(http.StatusOK))
		Expect(string(r.Body)).To(Equal(`{"sourceBucket": "src"}`))
		sum := md5.Sum([]byte(`{"sourceBucket": "src"}`))
		Expect(r.Header.Get("ETag")).To(Equal(`"` + hex.EncodeToString(sum[:]) + `"`))

		forged := strings.Replace(u, "/inv/manifest.json", "/inv/other.json", 1)
		r = send(ts, rawRequest(ts, http.MethodGet, forged[len(ts.URL):], nil))
		Expect(r.Status).To(Equal(http.StatusForbidden))
		Expect(string(r.Body)).To(ContainSubstring("<Code>SignatureDoesNotMatch</Code>"))
	})

	It("refuses an unsigned GetObject: AccessDenied", func() {
		srv, ts := verifyFake(fixedNow)
		Expect(srv.PutObjectVersions("reports", object.Version{Key: "a.txt", IsLatest: true, Body: []byte("x")})).To(Succeed())
		r := do(ts, http.MethodGet, "/reports/a.txt", nil)
		Expect(r.Status).To(Equal(http.StatusForbidden))
		Expect(string(r.Body)).To(ContainSubstring("<Code>AccessDenied</Code>"))
	})
})
