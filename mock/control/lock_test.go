package control_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/scenarios"
)

// lockedSeed is a state with one account whose key has a secret to hide.
const lockedSeed = `accounts:
  - id: "111122223333"
    keys:
      - {accessKeyId: AKIAOWNER0000000001, secretAccessKey: owner-secret}
buckets:
  - {name: reports, owner: "111122223333"}
`

// startVerifying serves a fake in verify mode seeded with lockedSeed, capture on, with
// the control API in front of it.
func startVerifying(opts ...control.Option) (*mock.Server, *httptest.Server) {
	GinkgoHelper()
	srv := mock.New(mock.WithAuth(identity.ModeVerify), mock.WithCapture(true))
	st, err := mock.ParseState([]byte(lockedSeed))
	Expect(err).NotTo(HaveOccurred())
	Expect(srv.LoadState(st)).To(Succeed())
	engine := scenarios.NewEngine()
	DeferCleanup(engine.Close)
	ts := httptest.NewServer(control.New(srv, engine, opts...))
	DeferCleanup(ts.Close)
	return srv, ts
}

func stateYAML(srv *mock.Server) string {
	GinkgoHelper()
	y, err := srv.State().YAML()
	Expect(err).NotTo(HaveOccurred())
	return string(y)
}

var _ = Describe("the control API in verify mode", func() {
	When("no admin token is set", func() {
		It("shows no secret access key in GET /_mock/state", func() {
			_, ts := startVerifying()
			status, _, env := adminCall(ts, "GET", control.StatePath, "")
			Expect(status).To(Equal(http.StatusOK))
			Expect(string(env.Data)).NotTo(ContainSubstring("owner-secret"))
			var st mock.State
			Expect(json.Unmarshal(env.Data, &st)).To(Succeed())
			Expect(st.Accounts).To(Equal([]identity.Account{{ID: "111122223333", Keys: []identity.Key{
				{AccessKeyID: "AKIAOWNER0000000001", SecretAccessKey: control.RedactedSecret}}}}))
		})

		It("keeps the secret in the server itself", func() {
			srv, ts := startVerifying()
			adminCall(ts, "GET", control.StatePath, "")
			secret, ok := srv.Directory().Secret("AKIAOWNER0000000001")
			Expect(ok).To(BeTrue())
			Expect(secret).To(Equal("owner-secret"))
		})

		It("shows no secret access key in the export's seed", func() {
			_, ts := startVerifying()
			resp, err := ts.Client().Get(ts.URL + control.ExportPath)
			Expect(err).NotTo(HaveOccurred())
			defer resp.Body.Close()
			Expect(resp.StatusCode).To(Equal(http.StatusOK))
			bundle, err := io.ReadAll(resp.Body)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(bundle)).To(ContainSubstring("secretAccessKey: " + control.RedactedSecret))
			Expect(string(bundle)).NotTo(ContainSubstring("owner-secret"))
		})

		DescribeTable("answers 403 FORBIDDEN naming S3INVMOCK_ADMIN_TOKEN and changes nothing",
			func(method, path, body string) {
				srv, ts := startVerifying()
				before := stateYAML(srv)
				status, _, env := adminCall(ts, method, path, body)
				Expect(status).To(Equal(http.StatusForbidden))
				Expect(env.Success).To(BeFalse())
				Expect(env.Error.Code).To(Equal(control.CodeForbidden))
				Expect(env.Error.Message).To(ContainSubstring("S3INVMOCK_ADMIN_TOKEN"))
				Expect(stateYAML(srv)).To(Equal(before))
			},
			Entry("PUT /_mock/state", "PUT", control.StatePath, "accounts: []\nbuckets: []\n"),
			Entry("PUT /_mock/replay", "PUT", control.ReplayPath, "version: 1\nseed: {accounts: [], buckets: []}\nentries: []\n"),
			Entry("POST /_mock/reset", "POST", control.ResetPath, ""),
			Entry("POST /_mock/state/snapshot", "POST", control.SnapshotPath, ""),
		)

		It("keeps the scenario endpoints open", func() {
			_, ts := startVerifying()
			status, _, env := adminCall(ts, "PUT", control.ScenariosPath, `{"rules":[]}`, "Content-Type", "application/json")
			Expect(status).To(Equal(http.StatusOK), "%+v", env.Error)
			status, _, _ = adminCall(ts, "POST", control.ScenariosPath+"/reset", "")
			Expect(status).To(Equal(http.StatusOK))
		})
	})

	When("an admin token is set and given", func() {
		It("shows the secrets and accepts PUT /_mock/state and POST /_mock/reset as before", func() {
			srv, ts := startVerifying(control.WithAdminToken("t0ken"))
			bearer := []string{"Authorization", "Bearer t0ken"}
			status, _, env := adminCall(ts, "GET", control.StatePath, "", bearer...)
			Expect(status).To(Equal(http.StatusOK))
			Expect(string(env.Data)).To(ContainSubstring(`"secretAccessKey":"owner-secret"`))
			status, _, env = adminCall(ts, "PUT", control.StatePath, "accounts: []\nbuckets: []\n", bearer...)
			Expect(status).To(Equal(http.StatusOK), "%+v", env.Error)
			Expect(srv.State().Accounts).To(BeEmpty())
			status, _, _ = adminCall(ts, "POST", control.ResetPath, "", bearer...)
			Expect(status).To(Equal(http.StatusOK))
		})
	})

	When("auth is off", func() {
		It("shows the secrets and accepts PUT /_mock/state without a token, as before", func() {
			srv, ts := startVerifying()
			srv.SetAuth(identity.ModeOff)
			status, _, env := adminCall(ts, "GET", control.StatePath, "")
			Expect(status).To(Equal(http.StatusOK))
			Expect(string(env.Data)).To(ContainSubstring(`"secretAccessKey":"owner-secret"`))
			status, _, _ = adminCall(ts, "PUT", control.StatePath, "accounts: []\nbuckets: []\n")
			Expect(status).To(Equal(http.StatusOK))
		})
	})
})
