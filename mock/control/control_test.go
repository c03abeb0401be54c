package control_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/scenarios"
)

// envelope is the control API's answer as a client reads it.
type envelope struct {
	Success bool             `json:"success"`
	Data    json.RawMessage  `json:"data"`
	Error   *control.Problem `json:"error"`
}

// statusData is GET /_mock/scenarios's data as a client reads it.
type statusData struct {
	Active bool   `json:"active"`
	Seed   uint64 `json:"seed"`
	State  string `json:"state"`
	Rules  []struct {
		Name    string         `json:"name"`
		Match   map[string]any `json:"match"`
		When    map[string]any `json:"when"`
		Action  map[string]any `json:"action"`
		Matched int            `json:"matched"`
		Fired   int            `json:"fired"`
	} `json:"rules"`
}

type server struct {
	srv    *mock.Server
	engine *scenarios.Engine
	ts     *httptest.Server
}

func start(opts ...control.Option) *server {
	e := scenarios.NewEngine()
	srv := mock.New()
	Expect(srv.AddBucket("logs")).To(Succeed())
	ts := httptest.NewServer(control.New(srv, e, opts...))
	DeferCleanup(ts.Close)
	DeferCleanup(e.Close)
	return &server{srv: srv, engine: e, ts: ts}
}

// call sends a request and decodes the envelope; status is the HTTP status.
func (s *server) call(method, path, contentType, body string) (int, envelope) {
	GinkgoHelper()
	req, err := http.NewRequest(method, s.ts.URL+path, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := s.ts.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	Expect(resp.Header.Get("Content-Type")).To(Equal("application/json"))
	var env envelope
	Expect(json.NewDecoder(resp.Body).Decode(&env)).To(Succeed())
	Expect(env.Success).To(Equal(resp.StatusCode < 300))
	return resp.StatusCode, env
}

func (s *server) status() statusData {
	GinkgoHelper()
	code, env := s.call(http.MethodGet, "/_mock/scenarios", "", "")
	Expect(code).To(Equal(http.StatusOK))
	var st statusData
	Expect(json.Unmarshal(env.Data, &st)).To(Succeed())
	return st
}

// headLogs is HeadBucket logs over plain HTTP; it returns the status.
func (s *server) headLogs() int {
	GinkgoHelper()
	resp, err := s.ts.Client().Head(s.ts.URL + "/logs")
	Expect(err).NotTo(HaveOccurred())
	resp.Body.Close()
	return resp.StatusCode
}

const denyYAML = `seed: 5
rules:
  - name: deny-logs
    match: {operation: HeadBucket, bucket: logs}
    when: {after: 1}
    action:
      error: AccessDenied
      setState: Denied
`

var _ = Describe("PUT /_mock/scenarios", func() {
	It("installs a YAML scenario that the S3 paths then obey", func() {
		s := start()
		code, env := s.call(http.MethodPut, "/_mock/scenarios", "application/yaml", denyYAML)
		Expect(code).To(Equal(http.StatusOK))
		Expect(string(env.Data)).To(ContainSubstring(`"name":"deny-logs"`))
		Expect(s.headLogs()).To(Equal(http.StatusOK))
		Expect(s.headLogs()).To(Equal(http.StatusForbidden))
		st := s.status()
		Expect(st.Active).To(BeTrue())
		Expect(st.Seed).To(BeEquivalentTo(5))
		Expect(st.State).To(Equal("Denied"))
		Expect(st.Rules).To(HaveLen(1))
		Expect(st.Rules[0].Matched).To(Equal(2))
		Expect(st.Rules[0].Fired).To(Equal(1))
		Expect(st.Rules[0].Match).To(HaveKeyWithValue("bucket", "logs"))
		Expect(st.Rules[0].When).To(HaveKeyWithValue("after", BeNumerically("==", 1)))
		Expect(st.Rules[0].Action).To(HaveKeyWithValue("error", "AccessDenied"))
	})

	It("installs a JSON scenario", func() {
		s := start()
		code, _ := s.call(http.MethodPut, "/_mock/scenarios", "application/json; charset=utf-8",
			`{"rules": [{"name": "slow", "action": {"error": {"code": "SlowDown", "headers": {"Retry-After": "1"}}}}]}`)
		Expect(code).To(Equal(http.StatusOK))
		resp, err := s.ts.Client().Head(s.ts.URL + "/logs")
		Expect(err).NotTo(HaveOccurred())
		resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(http.StatusServiceUnavailable))
		Expect(resp.Header.Get("Retry-After")).To(Equal("1"))
	})

	It("refuses an invalid scenario with rule, path and line, and keeps the old one in force", func() {
		s := start()
		code, _ := s.call(http.MethodPut, "/_mock/scenarios", "application/yaml", denyYAML)
		Expect(code).To(Equal(http.StatusOK))
		code, env := s.call(http.MethodPut, "/_mock/scenarios", "application/yaml",
			"rules:\n  - name: bad\n    when: {probability: 1.5}\n    action:\n      error: NoSuchThing\n")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(env.Error.Code).To(Equal(control.CodeValidation))
		Expect(env.Error.Details).To(ConsistOf(
			control.Detail{Path: "rules[0].when.probability", Rule: "bad", Line: 3, Message: "must be within 0..1, got 1.5"},
			HaveField("Path", "rules[0].action.error"),
		))
		Expect(s.status().Rules[0].Name).To(Equal("deny-logs"))
		s.headLogs()
		Expect(s.headLogs()).To(Equal(http.StatusForbidden))
	})

	It("reads the body as the Content-Type says", func() {
		s := start()
		code, env := s.call(http.MethodPut, "/_mock/scenarios", "application/json", "rules: []")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(env.Error.Code).To(Equal(control.CodeValidation))
		code, _ = s.call(http.MethodPut, "/_mock/scenarios", "", `{"rules": []}`)
		Expect(code).To(Equal(http.StatusOK))
		code, env = s.call(http.MethodPut, "/_mock/scenarios", "text/html", "rules: []")
		Expect(code).To(Equal(http.StatusUnsupportedMediaType))
		Expect(env.Error.Code).To(Equal(control.CodeUnsupportedMediaType))
	})

	It("refuses a body past the limit", func() {
		s := start(control.WithMaxBodyBytes(64))
		code, env := s.call(http.MethodPut, "/_mock/scenarios", "application/yaml", "rules: []\n"+strings.Repeat("# padding\n", 20))
		Expect(code).To(Equal(http.StatusRequestEntityTooLarge))
		Expect(env.Error.Code).To(Equal(control.CodeBodyTooLarge))
	})
})

var _ = Describe("POST /_mock/scenarios/reset and DELETE /_mock/scenarios", func() {
	It("rewinds counters and state, then clears", func() {
		s := start()
		s.call(http.MethodPut, "/_mock/scenarios", "application/yaml", denyYAML)
		s.headLogs()
		s.headLogs()
		code, _ := s.call(http.MethodPost, "/_mock/scenarios/reset", "", "")
		Expect(code).To(Equal(http.StatusOK))
		st := s.status()
		Expect(st.State).To(Equal(scenarios.StartState))
		Expect(st.Rules[0].Matched).To(BeZero())
		Expect(s.headLogs()).To(Equal(http.StatusOK), "after: 1 counts from zero again")

		code, _ = s.call(http.MethodDelete, "/_mock/scenarios", "", "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(s.status().Active).To(BeFalse())
		Expect(s.headLogs()).To(Equal(http.StatusOK))
	})
})

var _ = Describe("Control routing", func() {
	It("answers an unknown /_mock/ path with a 404 envelope", func() {
		s := start()
		for _, p := range []string{"/_mock/nothing", "/_mock", "/_mock/", "/_mock/scenarios/rules"} {
			code, env := s.call(http.MethodGet, p, "", "")
			Expect(code).To(Equal(http.StatusNotFound), p)
			Expect(env.Error.Code).To(Equal(control.CodeNotFound))
		}
	})
	It("answers a wrong method with a 405 envelope and Allow", func() {
		s := start()
		req, _ := http.NewRequest(http.MethodGet, s.ts.URL+"/_mock/scenarios/reset", nil)
		resp, err := s.ts.Client().Do(req)
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(http.StatusMethodNotAllowed))
		Expect(resp.Header.Get("Allow")).To(Equal("POST"))
		body, _ := io.ReadAll(resp.Body)
		Expect(string(body)).To(ContainSubstring(`"code":"METHOD_NOT_ALLOWED"`))
	})
	It("never lets a /_mock/ path reach the S3 side or the scenario", func() {
		s := start()
		s.call(http.MethodPut, "/_mock/scenarios", "", `{"rules": [{"name": "all", "action": {"fault": "reset"}}]}`)
		code, _ := s.call(http.MethodGet, "/_mock/scenarios", "", "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(s.srv.Journal()).To(BeEmpty())
	})
	It("hands every other path to the fake S3", func() {
		s := start()
		resp, err := s.ts.Client().Get(s.ts.URL + "/")
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		Expect(resp.StatusCode).To(Equal(http.StatusOK))
		Expect(string(body)).To(ContainSubstring("<Name>logs</Name>"))
	})
})

var _ = Describe("Scenarios over HTTP with the AWS SDK", func() {
	sdk := func(s *server, hc *http.Client) *s3.Client {
		return s3.New(s3.Options{
			BaseEndpoint: aws.String(s.ts.URL), UsePathStyle: true, Region: "us-east-1",
			Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
			Retryer:     aws.NopRetryer{}, HTTPClient: hc,
		})
	}
	It("fails the SDK call as the scenario says, then not after DELETE", func() {
		s := start()
		s.call(http.MethodPut, "/_mock/scenarios", "application/yaml",
			"rules:\n  - name: limit\n    match: {operation: PutBucketInventoryConfiguration, bucket: \"lo?s\"}\n    action: {error: TooManyConfigurations}\n")
		c := sdk(s, s.ts.Client())
		in := &s3.PutBucketInventoryConfigurationInput{Bucket: aws.String("logs"), Id: aws.String("daily")}
		in.InventoryConfiguration = minimalConfig()
		_, err := c.PutBucketInventoryConfiguration(context.Background(), in)
		var ae smithy.APIError
		Expect(errors.As(err, &ae)).To(BeTrue())
		Expect(ae.ErrorCode()).To(Equal("TooManyConfigurations"))
		s.call(http.MethodDelete, "/_mock/scenarios", "", "")
		_, err = c.PutBucketInventoryConfiguration(context.Background(), in)
		Expect(err).NotTo(HaveOccurred())
	})
	It("releases a hung SDK call when the scenario is deleted", func() {
		s := start()
		s.call(http.MethodPut, "/_mock/scenarios", "application/json",
			`{"rules": [{"name": "hang", "match": {"operation": "ListBucketInventoryConfigurations"}, "action": {"fault": "hang"}}]}`)
		// A fresh transport: on a reused keep-alive connection Go's transport would
		// retry the GET after the close, and it would succeed once the scenario is gone.
		tr := &http.Transport{}
		DeferCleanup(tr.CloseIdleConnections)
		done := make(chan error, 1)
		go func() {
			_, err := sdk(s, &http.Client{Transport: tr}).ListBucketInventoryConfigurations(context.Background(),
				&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("logs")})
			done <- err
		}()
		Eventually(func() int { return s.status().Rules[0].Fired }).Should(Equal(1))
		Consistently(done).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		s.call(http.MethodDelete, "/_mock/scenarios", "", "")
		Eventually(done).Should(Receive(MatchError(ContainSubstring("EOF"))))
	})
})

var _ = Describe("WriteData and WriteError", func() {
	It("write the envelope other endpoints reuse", func() {
		rec := httptest.NewRecorder()
		control.WriteData(rec, http.StatusCreated, map[string]int{"n": 1})
		Expect(rec.Code).To(Equal(http.StatusCreated))
		Expect(rec.Body.String()).To(MatchJSON(`{"success": true, "data": {"n": 1}}`))
		rec = httptest.NewRecorder()
		control.WriteError(rec, http.StatusBadRequest, control.CodeValidation, "bad", control.Detail{Path: "a.b", Message: "no"})
		Expect(rec.Body.String()).To(MatchJSON(`{"success": false, "error": {"code": "VALIDATION_ERROR", "message": "bad", "details": [{"path": "a.b", "message": "no"}]}}`))
		Expect(bytes.HasSuffix(rec.Body.Bytes(), []byte("\n"))).To(BeTrue())
	})
})
