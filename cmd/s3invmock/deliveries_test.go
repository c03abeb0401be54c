package main_test

import (
	"encoding/json"
	"net/http"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("the sidecar's inventory deliveries", Label("e2e"), func() {
	It("delivers a seeded bucket's objects on POST and lists the record on GET, split by -rows-per-file", func() {
		seed := writeFile("seed.yaml", `buckets:
  - name: src
    inventory:
      - '`+string(document("daily", "logs/"))+`'
    objects:
      - {Key: logs/a.txt, Body: hello}
      - {Key: logs/b.txt, Size: 12}
      - {Key: other.txt}
    generate: {count: 3, prefix: "logs/gen/", seed: 7}
  - name: dest
`)
		_, base := startSidecar("S3INVMOCK_SEED="+seed, "S3INVMOCK_ROWS_PER_FILE=2")

		code, _, body := send(http.MethodPost, base+"/_mock/inventory/deliveries", []byte(`{"bucket":"src","id":"daily"}`))
		Expect(code).To(Equal(http.StatusOK), body)
		var posted struct {
			Success bool
			Data    struct {
				Seq         uint64
				Outcome     string
				Destination string
				ManifestKey string
				Keys        []string
				Rows        int
				Files       int
			}
		}
		Expect(json.Unmarshal([]byte(body), &posted)).To(Succeed())
		Expect(posted.Success).To(BeTrue())
		Expect(posted.Data.Outcome).To(Equal("delivered"))
		Expect(posted.Data.Destination).To(Equal("dest"))
		Expect(posted.Data.ManifestKey).To(MatchRegexp(`^src/daily/\d{4}-\d\d-\d\dT\d\d-\d\dZ/manifest\.json$`))
		Expect(posted.Data.Rows).To(Equal(5))
		Expect(posted.Data.Files).To(Equal(3))
		Expect(posted.Data.Keys).To(HaveLen(6))

		code, _, list := send(http.MethodGet, base+"/_mock/inventory/deliveries?bucket=src", nil)
		Expect(code).To(Equal(http.StatusOK))
		Expect(list).To(HavePrefix(`{"success":true,"data":[{"seq":1,"bucket":"src","id":"daily",`))
		Expect(list).To(ContainSubstring(`"outcome":"delivered","reason":"","destination":"dest"`))

		code, _, state := send(http.MethodGet, base+"/_mock/state", nil)
		Expect(code).To(Equal(http.StatusOK))
		Expect(state).To(ContainSubstring(posted.Data.ManifestKey))
	})
})
