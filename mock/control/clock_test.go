package control_test

import (
	"net/http"
	"net/http/httptest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/scenarios"
)

var _ = Describe("GET and POST /_mock/clock", func() {
	It("answers the wall clock until a step, then the simulated instant and the deliveries it ran", func() {
		srv, ts := startReports()
		code, body := raw(ts, http.MethodGet, control.ClockPath, "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(body).To(Equal(`{"success":true,"data":{"now":"2026-11-25T01:00:30Z","simulated":false,"deliveries":[]}}` + "\n"))

		code, body = raw(ts, http.MethodPost, control.ClockPath, `{"set": "2026-11-25T00:00:00Z"}`)
		Expect(code).To(Equal(http.StatusOK))
		Expect(body).To(Equal(`{"success":true,"data":{"now":"2026-11-25T00:00:00Z","simulated":true,"deliveries":[]}}` + "\n"))

		code, body = raw(ts, http.MethodPost, control.ClockPath, `{"advance": "26h"}`)
		Expect(code).To(Equal(http.StatusOK))
		ds := srv.Deliveries()
		Expect(ds).To(HaveLen(1)) // put on the wall clock at 01:00:30, so the first scan is Nov 26; off is disabled
		Expect(body).To(Equal(`{"success":true,"data":{"now":"2026-11-26T02:00:00Z","simulated":true,"deliveries":[` +
			`{"seq":1,"bucket":"src","id":"daily","scanAt":"2026-11-26T01:00:00Z","completedAt":"2026-11-26T01:00:00Z",` +
			`"landAt":"2026-11-26T01:00:00Z","outcome":"delivered","reason":"","destination":"reports",` +
			`"manifestKey":"src/daily/2026-11-26T01-00Z/manifest.json","keys":["` + ds[0].Keys[0] + `",` +
			`"src/daily/hive/dt=2026-11-26-01-00/symlink.txt","src/daily/2026-11-26T01-00Z/manifest.json",` +
			`"src/daily/2026-11-26T01-00Z/manifest.checksum"],"rows":0,"files":1,"faults":[]}]}}` + "\n"))

		code, body = raw(ts, http.MethodGet, control.ClockPath, "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(body).To(Equal(`{"success":true,"data":{"now":"2026-11-26T02:00:00Z","simulated":true,"deliveries":[]}}` + "\n"))
	})

	DescribeTable("refuses bad input with 400 VALIDATION_ERROR and leaves the clock",
		func(req, want string) {
			_, ts := startReports()
			code, body := raw(ts, http.MethodPost, control.ClockPath, `{"set": "2026-12-06T00:00:00Z"}`)
			Expect(code).To(Equal(http.StatusOK), body)
			code, body = raw(ts, http.MethodPost, control.ClockPath, req)
			Expect(code).To(Equal(http.StatusBadRequest))
			Expect(body).To(Equal(want + "\n"))
			_, body = raw(ts, http.MethodGet, control.ClockPath, "")
			Expect(body).To(ContainSubstring(`"now":"2026-12-06T00:00:00Z","simulated":true`))
		},
		Entry("a negative advance", `{"advance": "-1h"}`,
			`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"advance: want a Go duration that is not negative, such as 72h or 30m, got \"-1h\"",`+
				`"details":[{"path":"advance","message":"want a Go duration that is not negative, such as 72h or 30m, got \"-1h\""}]}}`),
		Entry("a set that is not RFC 3339", `{"set": "tomorrow"}`,
			`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"set: want an RFC 3339 time such as 2026-12-06T00:00:00Z, got \"tomorrow\"",`+
				`"details":[{"path":"set","message":"want an RFC 3339 time such as 2026-12-06T00:00:00Z, got \"tomorrow\""}]}}`),
		Entry("a set backwards", `{"set": "2026-12-05T00:00:00Z"}`,
			`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"set: the inventory clock cannot go back from 2026-12-06T00:00:00Z to 2026-12-05T00:00:00Z: `+
				`reports already delivered would be dated in the future and their keys written again; start a new server (or Reset) instead",`+
				`"details":[{"path":"set","message":"the inventory clock cannot go back from 2026-12-06T00:00:00Z to 2026-12-05T00:00:00Z: `+
				`reports already delivered would be dated in the future and their keys written again; start a new server (or Reset) instead"}]}}`),
		Entry("both keys", `{"set": "2026-12-07T00:00:00Z", "advance": "1h"}`,
			`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"want a JSON object with one of {\"advance\": \"72h\"} or {\"set\": \"2026-12-06T00:00:00Z\"}"}}`),
		Entry("a second JSON value after the object", `{"advance": "1h"} {"advance": "1h"}`,
			`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"want a JSON object with one of {\"advance\": \"72h\"} or {\"set\": \"2026-12-06T00:00:00Z\"}: more than one JSON value"}}`),
		Entry("an unknown key", `{"forward": "1h"}`,
			`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"want a JSON object with one of {\"advance\": \"72h\"} or {\"set\": \"2026-12-06T00:00:00Z\"}: json: unknown field \"forward\""}}`),
	)

	It("starts simulated when the server does", func() {
		srv := mock.New(mock.WithSimulatedClock(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)))
		e := scenarios.NewEngine()
		ts := httptest.NewServer(control.New(srv, e))
		DeferCleanup(ts.Close)
		DeferCleanup(e.Close)
		_, body := raw(ts, http.MethodGet, control.ClockPath, "")
		Expect(body).To(Equal(`{"success":true,"data":{"now":"2026-12-01T00:00:00Z","simulated":true,"deliveries":[]}}` + "\n"))
	})
})
