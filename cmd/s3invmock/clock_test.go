package main_test

import (
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gbytes"
	"github.com/onsi/gomega/gexec"
)

var _ = Describe("the sidecar's inventory clock", Label("e2e"), func() {
	It("starts at -clock, standing still, and runs a seeded configuration's schedule on POST /_mock/clock", func() {
		seed := writeFile("seed.yaml", "buckets:\n  - name: src\n    inventory:\n      - '"+string(document("daily", "logs/"))+
			"'\n    objects:\n      - {Key: logs/a.txt, Body: hello}\n  - name: dest\n")
		s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0", "S3INVMOCK_SEED=" + seed, "S3INVMOCK_DELIVERY_AT=03:00", "S3INVMOCK_DELIVERY_LAG=30m"},
			"-clock", "2026-11-30T00:00:00Z")
		Eventually(s.Out).Should(gbytes.Say(`s3invmock listening on http://127\.0\.0\.1:\d+\n`))
		url := readyLine.FindSubmatch(s.Out.Contents())[1]

		code, _, body := send(http.MethodGet, string(url)+"/_mock/clock", nil)
		Expect(code).To(Equal(http.StatusOK))
		Expect(body).To(Equal(`{"success":true,"data":{"now":"2026-11-30T00:00:00Z","simulated":true,"deliveries":[]}}` + "\n"))

		code, _, body = send(http.MethodPost, string(url)+"/_mock/clock", []byte(`{"advance":"48h"}`))
		Expect(code).To(Equal(http.StatusOK), body)
		Expect(body).To(HavePrefix(`{"success":true,"data":{"now":"2026-12-02T00:00:00Z","simulated":true,"deliveries":[`))
		Expect(strings.Count(body, `"outcome":"delivered"`)).To(Equal(2))
		Expect(body).To(ContainSubstring(`"scanAt":"2026-11-30T03:00:00Z","completedAt":"2026-11-30T03:00:00Z","landAt":"2026-11-30T03:30:00Z"`))
		Expect(body).To(ContainSubstring(`"manifestKey":"src/daily/2026-12-01T03-00Z/manifest.json"`))

		code, hdr, _ := send(http.MethodGet, string(url)+"/", nil)
		Expect(code).To(Equal(http.StatusOK))
		// Date stays on the wall clock, wherever the inventory clock stands (a check
		// against the simulated day alone failed on the day the wall clock reached it).
		date, err := http.ParseTime(hdr.Get("Date"))
		Expect(err).NotTo(HaveOccurred())
		Expect(time.Since(date)).To(BeNumerically("~", 0, time.Minute), "Date stays on the wall clock")
	})

	It("refuses a -clock that is not RFC 3339, naming the setting", func() {
		s := launch([]string{"S3INVMOCK_ADDR=127.0.0.1:0"}, "-clock", "yesterday")
		Eventually(s).Should(gexec.Exit(2))
		Expect(string(s.Err.Contents())).To(ContainSubstring(`S3INVMOCK_CLOCK (-clock) "yesterday": want an RFC 3339 time such as 2026-12-01T00:00:00Z`))
	})
})
