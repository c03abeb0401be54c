package control_test

import (
	"bytes"
	"encoding/json"
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

// adminEnvelope is a control answer as a client decodes it.
type adminEnvelope struct {
	Success bool            `json:"success"`
	Data    json.RawMessage `json:"data"`
	Error   *control.Problem
}

// adminCall sends one request to the sidecar handler and decodes the envelope.
func adminCall(ts *httptest.Server, method, path, body string, header ...string) (int, http.Header, adminEnvelope) {
	GinkgoHelper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	var env adminEnvelope
	if strings.HasPrefix(path, "/_mock") {
		Expect(resp.Header.Get("Content-Type")).To(Equal("application/json"))
		Expect(json.Unmarshal(raw, &env)).To(Succeed(), string(raw))
	} else {
		env.Data = raw
	}
	return resp.StatusCode, resp.Header, env
}

// adminDoc is a valid configuration document for id.
func adminDoc(id string) string {
	return `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily` +
		`</Frequency></Schedule><IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`
}

// startAdmin serves a fake S3 with the control API in front of it.
func startAdmin(opts ...control.Option) (*mock.Server, *scenarios.Engine, *httptest.Server) {
	srv := mock.New()
	engine := scenarios.NewEngine()
	DeferCleanup(engine.Close)
	ts := httptest.NewServer(control.New(srv, engine, opts...))
	DeferCleanup(ts.Close)
	return srv, engine, ts
}

var _ = Describe("the sidecar's control endpoints", func() {
	Describe("GET /_mock/health", func() {
		It("answers ok with the version and the uptime", func() {
			_, _, ts := startAdmin(control.WithVersion("v1.2.3"))
			status, _, env := adminCall(ts, "GET", "/_mock/health", "")
			Expect(status).To(Equal(200))
			Expect(env.Success).To(BeTrue())
			var h control.Health
			Expect(json.Unmarshal(env.Data, &h)).To(Succeed())
			Expect(h.Status).To(Equal("ok"))
			Expect(h.Version).To(Equal("v1.2.3"))
			Expect(h.Uptime).To(BeNumerically(">=", 0))
			Expect(string(env.Data)).NotTo(ContainSubstring("request_log_dropped"))
		})

		It("reports the request log lines dropped so far, when given their count", func() {
			dropped := uint64(0)
			_, _, ts := startAdmin(control.WithLogDropped(func() uint64 { return dropped }))
			_, _, env := adminCall(ts, "GET", "/_mock/health", "")
			Expect(string(env.Data)).To(ContainSubstring(`"request_log_dropped":0}`))
			dropped = 17
			_, _, env = adminCall(ts, "GET", "/_mock/health", "")
			Expect(string(env.Data)).To(ContainSubstring(`"request_log_dropped":17}`))
		})
	})

	Describe("the admin token", func() {
		var ts *httptest.Server
		BeforeEach(func() { _, _, ts = startAdmin(control.WithAdminToken("s3cret")) })

		DescribeTable("refuses a control request without the token with 401 in the envelope",
			func(method, path string, header ...string) {
				status, h, env := adminCall(ts, method, path, "", header...)
				Expect(status).To(Equal(401))
				Expect(env.Success).To(BeFalse())
				Expect(env.Error.Code).To(Equal(control.CodeUnauthorized))
				Expect(h.Get("WWW-Authenticate")).To(HavePrefix("Bearer"))
			},
			Entry("no header", "GET", "/_mock/requests"),
			Entry("a wrong token", "GET", "/_mock/state", "Authorization", "Bearer nope"),
			Entry("another scheme", "POST", "/_mock/reset", "Authorization", "Basic czNjcmV0"),
			Entry("a scenario endpoint", "GET", "/_mock/scenarios"),
			Entry("an unknown control path", "GET", "/_mock/nothing"),
		)

		It("lets the token through, and leaves health and S3 paths open", func() {
			status, _, _ := adminCall(ts, "GET", "/_mock/requests", "", "Authorization", "Bearer s3cret")
			Expect(status).To(Equal(200))
			status, _, _ = adminCall(ts, "GET", "/_mock/health", "")
			Expect(status).To(Equal(200))
			status, _, _ = adminCall(ts, "PUT", "/reports", "")
			Expect(status).To(Equal(200))
		})
	})

	Describe("POST /_mock/reset", func() {
		It("empties the state, clears the scenario and empties the journal", func() {
			srv, engine, ts := startAdmin()
			Expect(srv.AddBucket("reports")).To(Succeed())
			Expect(engine.Replace(scenarios.New().Rule("deny").Fail(mock.AccessDenied).MustBuild())).To(Succeed())
			adminCall(ts, "GET", "/reports?inventory", "")
			Expect(srv.Journal()).NotTo(BeEmpty())

			status, _, env := adminCall(ts, "POST", "/_mock/reset", "")
			Expect(status).To(Equal(200))
			Expect(env.Success).To(BeTrue())
			Expect(srv.Buckets()).To(BeEmpty())
			Expect(srv.Journal()).To(BeEmpty())
			Expect(engine.Status().Rules).To(BeEmpty())
		})
	})

	Describe("/_mock/requests", func() {
		var (
			srv *mock.Server
			ts  *httptest.Server
		)
		entries := func(query string) []mock.Entry {
			GinkgoHelper()
			status, _, env := adminCall(ts, "GET", "/_mock/requests"+query, "")
			Expect(status).To(Equal(200))
			var out []mock.Entry
			Expect(json.Unmarshal(env.Data, &out)).To(Succeed())
			return out
		}
		BeforeEach(func() {
			srv, _, ts = startAdmin()
			adminCall(ts, "PUT", "/reports", "")
			adminCall(ts, "PUT", "/reports?inventory&id=daily", adminDoc("daily"))
			adminCall(ts, "GET", "/reports?inventory&id=daily", "")
			adminCall(ts, "PUT", "/other", "")
			adminCall(ts, "GET", "/other?inventory", "")
		})

		It("lists the journal, newest last", func() {
			got := entries("")
			Expect(got).To(HaveLen(5))
			Expect(got[0].Operation).To(Equal(mock.CreateBucket))
			Expect(got[4].Operation).To(Equal(mock.ListBucketInventoryConfigurations))
		})

		It("filters by operation, bucket and since (a sequence number or a time)", func() {
			Expect(entries("?operation=CreateBucket")).To(HaveEach(HaveField("Operation", mock.CreateBucket)))
			Expect(entries("?operation=CreateBucket")).To(HaveLen(2))
			Expect(entries("?bucket=reports")).To(HaveLen(3))
			Expect(entries("?bucket=reports&operation=GetBucketInventoryConfiguration")).To(ConsistOf(
				HaveField("ID", "daily")))
			all := entries("")
			Expect(entries("?since=" + jsonNumber(all[2].Seq))).To(Equal(all[3:]))
			Expect(entries("?since=" + all[0].Time.Add(-time.Second).Format(time.RFC3339Nano))).To(HaveLen(5))
			Expect(entries("?since=" + time.Now().Add(time.Hour).Format(time.RFC3339))).To(BeEmpty())
		})

		DescribeTable("refuses a bad filter with VALIDATION_ERROR naming the field",
			func(query, field string) {
				status, _, env := adminCall(ts, "GET", "/_mock/requests"+query, "")
				Expect(status).To(Equal(400))
				Expect(env.Error.Code).To(Equal(control.CodeValidation))
				Expect(env.Error.Details).To(ConsistOf(HaveField("Path", field)))
			},
			Entry("an unknown operation", "?operation=PutObject", "operation"),
			Entry("a since that is neither number nor time", "?since=yesterday", "since"),
			Entry("an unknown key", "?bukcet=reports", "bukcet"),
		)

		It("DELETE empties it", func() {
			status, _, _ := adminCall(ts, "DELETE", "/_mock/requests", "")
			Expect(status).To(Equal(200))
			Expect(srv.Journal()).To(BeEmpty())
			Expect(entries("")).To(BeEmpty())
		})
	})

	Describe("/_mock/state", func() {
		It("GET answers the state in the seed format, which PUT takes back", func() {
			srv, _, ts := startAdmin()
			Expect(srv.AddBucket("reports", mock.InRegion("eu-west-1"))).To(Succeed())
			Expect(srv.PutConfigurationXML("reports", []byte(adminDoc("daily")))).To(Succeed())
			status, _, env := adminCall(ts, "GET", "/_mock/state", "")
			Expect(status).To(Equal(200))
			st, err := mock.ParseState(env.Data)
			Expect(err).NotTo(HaveOccurred())
			Expect(st.Buckets).To(HaveLen(1))
			Expect(st.Buckets[0].Inventory).To(ConsistOf(ContainSubstring("<Id>daily</Id>")))

			Expect(srv.LoadState(nil)).To(Succeed())
			status, _, env = adminCall(ts, "PUT", "/_mock/state", string(env.Data))
			Expect(status).To(Equal(200))
			Expect(env.Data).To(MatchJSON(`{"buckets":1,"configurations":1,"accounts":0}`))
			Expect(srv.Buckets()).To(ConsistOf(HaveField("Region", "eu-west-1")))
		})

		It("PUT refuses an invalid seed with each problem's path and line, and changes nothing", func() {
			srv, _, ts := startAdmin()
			Expect(srv.AddBucket("kept")).To(Succeed())
			seed := "buckets:\n  - name: reports\n    inventory:\n      - '" +
				strings.Replace(adminDoc("daily"), "Daily", "Hourly", 1) + "'\n"
			status, _, env := adminCall(ts, "PUT", "/_mock/state", seed)
			Expect(status).To(Equal(400))
			Expect(env.Error.Code).To(Equal(control.CodeValidation))
			Expect(env.Error.Details).To(ConsistOf(control.Detail{Path: "buckets[0].inventory[0]", Line: 4,
				Message: `bucket "reports", configuration "daily": MalformedXML: The XML you provided was not well-formed or did not validate against our published schema: <Frequency>Hourly</Frequency>: not Daily or Weekly`}))
			Expect(srv.Buckets()).To(ConsistOf(HaveField("Name", "kept")))
		})
	})

	Describe("POST /_mock/state/snapshot", func() {
		It("answers 409 when no snapshot file is configured", func() {
			_, _, ts := startAdmin()
			status, _, env := adminCall(ts, "POST", "/_mock/state/snapshot", "")
			Expect(status).To(Equal(409))
			Expect(env.Error.Code).To(Equal(control.CodeNoSnapshotFile))
		})

		It("hands the state to the configured writer", func() {
			var saved *mock.State
			srv, _, ts := startAdmin(control.WithSnapshot(func(st *mock.State) (string, error) {
				saved = st
				return "/data/state.yaml", nil
			}))
			Expect(srv.AddBucket("reports")).To(Succeed())
			status, _, env := adminCall(ts, "POST", "/_mock/state/snapshot", "")
			Expect(status).To(Equal(200))
			Expect(env.Data).To(MatchJSON(`{"file":"/data/state.yaml","buckets":1,"configurations":0,"accounts":0}`))
			Expect(saved.Buckets).To(ConsistOf(HaveField("Name", "reports")))
		})
	})
})

func jsonNumber(n uint64) string {
	var b bytes.Buffer
	_ = json.NewEncoder(&b).Encode(n)
	return strings.TrimSpace(b.String())
}
