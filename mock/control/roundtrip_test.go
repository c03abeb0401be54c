package control_test

import (
	"net/http"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/control"
)

var _ = Describe("the control API's JSON", func() {
	It("takes GET /_mock/state's answer back in PUT /_mock/state as is", func() {
		srv, ts := startReports()
		_, before := raw(ts, http.MethodGet, control.StatePath, "")
		srv.Reset()
		code, body := raw(ts, http.MethodPut, control.StatePath, before)
		Expect(code).To(Equal(http.StatusOK), body)
		Expect(body).To(Equal(`{"success":true,"data":{"buckets":2,"configurations":2,"accounts":0}}` + "\n"))
		_, after := raw(ts, http.MethodGet, control.StatePath, "")
		Expect(after).To(Equal(before))
	})

	It("names the envelope's line of a problem in a state sent back", func() {
		_, ts := startReports()
		env := "{\n  \"success\": true,\n  \"data\": {\n    \"buckets\": [\n      {\"name\": \"Bad_Bucket\", \"inventory\": []}\n    ]\n  }\n}\n"
		_, _, got := adminCall(ts, http.MethodPut, control.StatePath, env)
		Expect(got.Error.Details).To(HaveLen(1))
		Expect(got.Error.Details[0].Path).To(Equal("buckets[0]"))
		Expect(got.Error.Details[0].Line).To(Equal(5))
	})

	It("reads an envelope of a failure as a seed, which it refuses", func() {
		_, ts := startReports()
		code, body := raw(ts, http.MethodPut, control.StatePath, `{"success":false,"data":{"buckets":[]}}`)
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(body).To(ContainSubstring(`"code":"VALIDATION_ERROR"`))
	})

	It("does not HTML-escape: a document reads as itself in the state and the journal", func() {
		_, ts := startReports()
		_, state := raw(ts, http.MethodGet, control.StatePath, "")
		Expect(state).To(ContainSubstring(`"inventory":["<InventoryConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">`))
		raw(ts, http.MethodPost, "/_mock/inventory/deliveries", `{"bucket": "src", "id": "daily"}`)
		_, journal := raw(ts, http.MethodGet, "/_mock/requests", "")
		for _, body := range []string{state, journal} {
			Expect(body).NotTo(Or(ContainSubstring(`\u003c`), ContainSubstring(`\u003e`), ContainSubstring(`\u0026`)))
		}
	})
})

var _ = Describe("the admin token's scheme", func() {
	DescribeTable("is case-insensitive; anything else is refused",
		func(header string, status int) {
			_, _, ts := startAdmin(control.WithAdminToken("s3cret"))
			got, _, _ := adminCall(ts, http.MethodGet, control.StatePath, "", "Authorization", header)
			Expect(got).To(Equal(status))
		},
		Entry("Bearer", "Bearer s3cret", 200),
		Entry("bearer", "bearer s3cret", 200),
		Entry("BEARER, with spaces around", "  BEARER   s3cret ", 200),
		Entry("no space after the scheme", "Bearers3cret", 401),
		Entry("another scheme", "Token s3cret", 401),
		Entry("the token alone", "s3cret", 401),
		Entry("a token of the wrong case", "Bearer S3CRET", 401),
	)
})
