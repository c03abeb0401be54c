package control_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/mock/s3client"
	"github.com/s3invmock/s3invmock/mock/s3matchers"
	"github.com/s3invmock/s3invmock/scenarios"
)

// fetch sends a request and returns status, Content-Type and body, without decoding.
func (s *server) fetch(method, path, accept, body string) (int, string, []byte) {
	GinkgoHelper()
	req, err := http.NewRequest(method, s.ts.URL+path, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := s.ts.Client().Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	Expect(err).NotTo(HaveOccurred())
	return resp.StatusCode, resp.Header.Get("Content-Type"), data
}

// exercise is a client's session against logs: a miss, a write, a read, a list.
func exercise(client *s3.Client) []string {
	ctx := context.Background()
	var seen []string
	note := func(err error) { seen = append(seen, fmt.Sprint(err)) }
	_, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("logs"), Id: aws.String("daily")})
	note(err)
	_, err = client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
		Bucket: aws.String("logs"), Id: aws.String("daily"), InventoryConfiguration: minimalConfig()})
	note(err)
	got, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
		Bucket: aws.String("logs"), Id: aws.String("daily")})
	note(err)
	if err == nil {
		seen = append(seen, *got.InventoryConfiguration.Id)
	}
	list, err := client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
		Bucket: aws.String("logs")})
	note(err)
	if err == nil {
		seen = append(seen, fmt.Sprint(len(list.InventoryConfigurationList)))
	}
	return seen
}

var _ = Describe("capture, export and replay over HTTP", func() {
	It("switches capture on and off", func() {
		s := start()
		code, env := s.call(http.MethodGet, control.CapturePath, "", "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(env.Data).To(MatchJSON(`{"enabled": false}`))
		code, env = s.call(http.MethodPut, control.CapturePath, "application/json", `{"enabled": true}`)
		Expect(code).To(Equal(http.StatusOK))
		Expect(env.Data).To(MatchJSON(`{"enabled": true}`))
		Expect(s.srv.Capture()).To(BeTrue())
		code, env = s.call(http.MethodPut, control.CapturePath, "application/json", `{"enable": true}`)
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(env.Error.Code).To(Equal(control.CodeBadRequest))
	})

	It("exports the journal as a bundle another fake replays byte for byte", func() {
		recorded := start()
		recorded.call(http.MethodPut, control.CapturePath, "application/json", `{"enabled": true}`)
		want := exercise(s3client.New(recorded.ts.URL))
		Expect(want).To(HaveLen(6))

		code, contentType, yml := recorded.fetch(http.MethodGet, control.ExportPath, "", "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(contentType).To(Equal("application/yaml"))
		Expect(string(yml)).To(ContainSubstring("name: 001 GET GetBucketInventoryConfiguration"))
		code, contentType, js := recorded.fetch(http.MethodGet, control.ExportPath, "application/json", "")
		Expect(code).To(Equal(http.StatusOK))
		Expect(contentType).To(Equal("application/json"))

		for _, bundle := range [][]byte{yml, js} {
			fresh := start()
			code, env := fresh.call(http.MethodPut, control.ReplayPath, "", string(bundle))
			Expect(code).To(Equal(http.StatusOK))
			Expect(env.Data).To(MatchJSON(`{"buckets": 1, "rules": 4}`))
			fresh.srv.SetCapture(true)
			Expect(exercise(s3client.New(fresh.ts.URL))).To(Equal(want))
			for i, e := range fresh.srv.Journal() {
				r := recorded.srv.Journal()[i]
				Expect(e.Status).To(Equal(r.Status))
				Expect(e.Exchange.ResponseBody).To(Equal(r.Exchange.ResponseBody))
			}
		}
	})

	It("starts the export from the state when capture was switched on", func() {
		s := start()
		// A bucket the session never touches: only the baseline can know it.
		Expect(s.srv.AddBucket("archive")).To(Succeed())
		s.call(http.MethodPut, control.CapturePath, "application/json", `{"enabled": true}`)
		_ = exercise(s3client.New(s.ts.URL))
		_, _, data := s.fetch(http.MethodGet, control.ExportPath+"?format=json", "", "")
		b, err := replay.Parse(data)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.Seed.Buckets).To(ConsistOf(HaveField("Name", "archive"),
			And(HaveField("Name", "logs"), HaveField("Inventory", BeEmpty()))))
	})

	It("starts the export from the state the control API began with when capture was on", func() {
		e := scenarios.NewEngine()
		srv := mock.New(mock.WithCapture(true))
		Expect(srv.AddBucket("logs")).To(Succeed())
		ts := httptest.NewServer(control.New(srv, e))
		DeferCleanup(ts.Close)
		DeferCleanup(e.Close)
		s := &server{srv: srv, engine: e, ts: ts}
		_ = exercise(s3client.New(s.ts.URL))
		_, _, data := s.fetch(http.MethodGet, control.ExportPath+"?format=json", "", "")
		b, err := replay.Parse(data)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.Seed.Buckets).To(ConsistOf(And(HaveField("Name", "logs"), HaveField("Inventory", BeEmpty()))))
	})

	It("infers the seed when the journal was cleared since", func() {
		s := start()
		s.srv.SetCapture(true)
		_ = exercise(s3client.New(s.ts.URL))
		s.call(http.MethodDelete, control.RequestsPath, "", "")
		_ = exercise(s3client.New(s.ts.URL))
		_, _, data := s.fetch(http.MethodGet, control.ExportPath, "", "")
		b, err := replay.Parse(data)
		Expect(err).NotTo(HaveOccurred())
		Expect(b.Seed.Buckets).To(ConsistOf(And(HaveField("Name", "logs"), HaveField("Inventory", HaveLen(1)))))
	})

	It("answers 409 CAPTURE_OFF for requests answered without capture", func() {
		s := start()
		Expect(s.headLogs()).To(Equal(http.StatusOK))
		code, env := s.call(http.MethodGet, control.ExportPath, "", "")
		Expect(code).To(Equal(http.StatusConflict))
		Expect(env.Error.Code).To(Equal(control.CodeCaptureOff))
		Expect(env.Error.Message).To(ContainSubstring("switch capture on"))
	})

	It("refuses an invalid bundle and keeps the state", func() {
		s := start()
		code, env := s.call(http.MethodPut, control.ReplayPath, "", "seed:\n  buckets: 7\n")
		Expect(code).To(Equal(http.StatusBadRequest))
		Expect(env.Error.Code).To(Equal(control.CodeValidation))
		Expect(env.Error.Message).To(ContainSubstring("seed: "))
		Expect(s.srv.Buckets()).To(ConsistOf(HaveField("Name", "logs")))
		code, _, _ = s.fetch(http.MethodGet, control.ExportPath+"?format=xml", "", "")
		Expect(code).To(Equal(http.StatusBadRequest))
	})

	It("replays through the SDK with the retries the recording saw", func() {
		recorded := start()
		recorded.call(http.MethodPut, "/_mock/scenarios", "application/yaml",
			"rules:\n  - name: slow\n    match: {operation: HeadBucket}\n    when: {times: 2}\n    action: {error: SlowDown}\n")
		recorded.srv.SetCapture(true)
		client := s3client.New(recorded.ts.URL)
		_, err := client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("logs")})
		Expect(err).NotTo(HaveOccurred())
		_, _, data := recorded.fetch(http.MethodGet, control.ExportPath, "", "")

		fresh := start()
		code, _ := fresh.call(http.MethodPut, control.ReplayPath, "", string(data))
		Expect(code).To(Equal(http.StatusOK))
		_, err = s3client.New(fresh.ts.URL).HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("logs")})
		Expect(err).NotTo(HaveOccurred())
		Expect(fresh.srv).To(s3matchers.HaveOneCallRetried(mock.HeadBucket, 2))
	})
})
