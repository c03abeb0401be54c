package control_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/scenarios"
)

// scanNow is the clock of these specs: scans at 2026-11-25T01:00Z.
var scanNow = time.Date(2026, 11, 25, 1, 0, 30, 0, time.UTC)

const csvConfig = `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination>` +
	`<Bucket>arn:aws:s3:::reports</Bucket><Format>CSV</Format></S3BucketDestination></Destination><IsEnabled>%s</IsEnabled>` +
	`<Id>%s</Id><IncludedObjectVersions>Current</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`

// startReports serves a fake with buckets src and reports, a CSV configuration
// daily and a disabled one off, behind the control API.
func startReports() (*mock.Server, *httptest.Server) {
	e := scenarios.NewEngine()
	srv := mock.New(mock.WithClock(func() time.Time { return scanNow }))
	for _, b := range []string{"src", "reports"} {
		Expect(srv.AddBucket(b)).To(Succeed())
	}
	Expect(srv.PutConfigurationXML("src", fmt.Appendf(nil, csvConfig, "true", "daily"))).To(Succeed())
	Expect(srv.PutConfigurationXML("src", fmt.Appendf(nil, csvConfig, "false", "off"))).To(Succeed())
	ts := httptest.NewServer(control.New(srv, e))
	DeferCleanup(ts.Close)
	DeferCleanup(e.Close)
	return srv, ts
}

// raw sends a request and returns the status and the exact body.
func raw(ts *httptest.Server, method, path, body string) (int, string) {
	GinkgoHelper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	resp, err := ts.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	Expect(resp.Header.Get("Content-Type")).To(Equal("application/json"))
	return resp.StatusCode, string(b)
}

var _ = Describe("PUT /_mock/buckets/{bucket}/objects", func() {
	It("puts a YAML list of objects and answers how many the bucket holds", func() {
		srv, ts := startReports()
		code, body := raw(ts, http.MethodPut, "/_mock/buckets/src/objects", "- {Key: a.txt, Body: hi}\n- Key: b.txt\n  Size: 7\n")
		Expect(code).To(Equal(http.StatusOK))
		Expect(body).To(Equal(`{"success":true,"data":{"bucket":"src","put":2,"objects":2}}` + "\n"))
		v, found, err := srv.Object("src", "b.txt")
		Expect(err).NotTo(HaveOccurred())
		Expect(found).To(BeTrue())
		Expect(v.Size).To(Equal(int64(7)))
	})

	It("refuses a JSON array with the line and field of every problem, and puts nothing", func() {
		srv, ts := startReports()
		code, body := raw(ts, http.MethodPut, "/_mock/buckets/src/objects", "[\n  {\"Key\": \"a.txt\"},\n  {\"Key\": \"b.txt\", \"Size\": -1,\n   \"IsLatest\": \"no\"}\n]")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(body).To(Equal(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"the objects were refused; nothing changed",` +
			`"details":[{"path":"objects[1].IsLatest","message":"must be true or false","line":4}]}}` + "\n"))
		code, body = raw(ts, http.MethodPut, "/_mock/buckets/src/objects", "[\n  {\"Key\": \"a.txt\"},\n  {\"Key\": \"b.txt\", \"Size\": -1}\n]")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(body).To(Equal(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"the objects were refused; nothing changed",` +
			`"details":[{"path":"objects[1].Size","message":"must not be negative, got -1","line":3}]}}` + "\n"))
		objs, err := srv.Objects("src")
		Expect(err).NotTo(HaveOccurred())
		Expect(objs).To(BeEmpty())
	})

	It("answers 404 for a missing bucket", func() {
		_, ts := startReports()
		code, body := raw(ts, http.MethodPut, "/_mock/buckets/gone/objects", "[]")
		Expect(code).To(Equal(http.StatusNotFound))
		Expect(body).To(Equal(`{"success":false,"error":{"code":"NO_SUCH_BUCKET","message":"bucket \"gone\" does not exist"}}` + "\n"))
	})
})

var _ = Describe("POST /_mock/inventory/deliveries", func() {
	It("delivers one configuration and answers its record, which GET lists", func() {
		srv, ts := startReports()
		code, _ := raw(ts, http.MethodPut, "/_mock/buckets/src/objects", `[{"Key": "a.txt"}, {"Key": "b.txt"}]`)
		Expect(code).To(Equal(http.StatusOK))
		code, body := raw(ts, http.MethodPost, "/_mock/inventory/deliveries", `{"bucket": "src", "id": "daily"}`)
		Expect(code).To(Equal(http.StatusOK))
		d := srv.Deliveries()
		Expect(d).To(HaveLen(1))
		keys, _ := json.Marshal(d[0].Keys)
		Expect(body).To(Equal(`{"success":true,"data":{"seq":1,"bucket":"src","id":"daily","scanAt":"2026-11-25T01:00:00Z",` +
			`"completedAt":"2026-11-25T01:00:30Z","landAt":"2026-11-25T01:00:30Z","outcome":"delivered","reason":"","destination":"reports",` +
			`"manifestKey":"src/daily/2026-11-25T01-00Z/manifest.json","keys":` + string(keys) + `,"rows":2,"files":1,"faults":[]}}` + "\n"))
		_, found, _ := srv.Object("reports", "src/daily/2026-11-25T01-00Z/manifest.checksum")
		Expect(found).To(BeTrue())

		code, list := raw(ts, http.MethodGet, "/_mock/inventory/deliveries?bucket=src&id=daily", "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(list).To(Equal(`{"success":true,"data":[` + strings.TrimSuffix(strings.TrimPrefix(body, `{"success":true,"data":`), "}\n") + `]}` + "\n"))
		_, none := raw(ts, http.MethodGet, "/_mock/inventory/deliveries?since=1", "")
		Expect(none).To(Equal(`{"success":true,"data":[]}` + "\n"))
	})

	It("records a disabled configuration as failed, and answers 404 for a missing one", func() {
		_, ts := startReports()
		code, body := raw(ts, http.MethodPost, "/_mock/inventory/deliveries", `{"bucket": "src", "id": "off"}`)
		Expect(code).To(Equal(http.StatusOK))
		Expect(body).To(Equal(`{"success":true,"data":{"seq":1,"bucket":"src","id":"off","scanAt":"2026-11-25T01:00:00Z",` +
			`"completedAt":"2026-11-25T01:00:30Z","outcome":"failed","reason":"configuration is disabled (IsEnabled false): S3 generates no inventory list",` +
			`"destination":"reports","manifestKey":"","keys":[],"rows":0,"files":0,"faults":[]}}` + "\n"))
		code, body = raw(ts, http.MethodPost, "/_mock/inventory/deliveries", `{"bucket": "src", "id": "nope"}`)
		Expect(code).To(Equal(http.StatusNotFound))
		Expect(body).To(Equal(`{"success":false,"error":{"code":"NO_SUCH_CONFIGURATION","message":"bucket \"src\" has no inventory configuration \"nope\""}}` + "\n"))
		_, list := raw(ts, http.MethodGet, "/_mock/inventory/deliveries", "")
		Expect(list).To(ContainSubstring(`"reason":"configuration does not exist"`))
	})

	It("delivers every enabled configuration of every bucket for an empty body", func() {
		_, ts := startReports()
		code, body := raw(ts, http.MethodPost, "/_mock/inventory/deliveries", "")
		Expect(code).To(Equal(http.StatusOK))
		var env struct{ Data []mock.Delivery }
		Expect(json.Unmarshal([]byte(body), &env)).To(Succeed())
		Expect(env.Data).To(HaveLen(1))
		Expect(env.Data[0].ID).To(Equal("daily"))
		Expect(env.Data[0].Outcome).To(Equal(mock.Delivered))
	})

	It("refuses a body that is not the request, and an unknown filter", func() {
		_, ts := startReports()
		code, body := raw(ts, http.MethodPost, "/_mock/inventory/deliveries", `{"bucket": "src", "colour": "red"}`)
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(body).To(ContainSubstring(`"code":"VALIDATION_ERROR"`))
		code, body = raw(ts, http.MethodGet, "/_mock/inventory/deliveries?colour=red", "")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(body).To(Equal(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"colour: unknown filter; known: bucket, id, since",` +
			`"details":[{"path":"colour","message":"unknown filter; known: bucket, id, since"}]}}` + "\n"))
	})
})

var _ = Describe("GET then PUT /_mock/state with objects and reports", func() {
	It("restores the same bytes of every object and report", func() {
		srv, ts := startReports()
		raw(ts, http.MethodPut, "/_mock/buckets/src/objects", `[{"Key": "a.txt", "Body": "hello"}, {"Key": "b.txt", "Size": 9}]`)
		raw(ts, http.MethodPost, "/_mock/inventory/deliveries", `{"bucket": "src", "id": "daily"}`)
		code, body := raw(ts, http.MethodGet, "/_mock/state", "")
		Expect(code).To(Equal(http.StatusOK))
		var env struct{ Data json.RawMessage }
		Expect(json.Unmarshal([]byte(body), &env)).To(Succeed())

		wantSrc, _ := srv.Objects("src")
		wantReports, _ := srv.Objects("reports")
		wantRecords := srv.Deliveries()
		srv.Reset()
		code, _ = raw(ts, http.MethodPut, "/_mock/state", string(env.Data))
		Expect(code).To(Equal(http.StatusOK))
		gotSrc, _ := srv.Objects("src")
		gotReports, _ := srv.Objects("reports")
		Expect(gotSrc).To(Equal(wantSrc))
		Expect(gotReports).To(Equal(wantReports))
		Expect(srv.Deliveries()).To(Equal(wantRecords))
	})
})
