package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/scenarios"
)

// target is one endpoint under load.
type target struct {
	name     string
	url      string
	setup    bool // the bench bucket must be created through HTTP first
	external bool // served by another process: compared with bare-proc
	close    func()
}

// startInProcess serves a fresh fake from this process, as a Go test would.
func startInProcess(wl workload) (*target, error) {
	var opts []mock.Option
	engine := scenarios.NewEngine()
	if wl.scenario {
		if err := engine.Replace(hundredRules()); err != nil {
			return nil, err
		}
	}
	opts = append(opts, mock.WithHook(engine))
	srv := mock.New(opts...)
	if wl.object {
		if err := seedObject(srv); err != nil {
			return nil, err
		}
	}
	ts := httptest.NewServer(srv)
	return &target{name: "inproc", url: ts.URL, setup: true, close: func() {
		engine.Close()
		ts.Close()
	}}, nil
}

// seedObject creates the bench bucket holding the get-object workload's object; the
// setup's CreateBucket then answers 200, as S3 does to its owner in us-east-1.
func seedObject(srv *mock.Server) error {
	if err := srv.AddBucket(benchBucket); err != nil {
		return err
	}
	return srv.PutObjectVersions(benchBucket, object.Version{Key: benchObjectKey, IsLatest: true,
		Size: benchObjectSize, ContentType: "application/octet-stream"})
}

// objectSeed is the seed that gives the sidecar what seedObject gives an in-process
// fake: the bench bucket with the one object.
func objectSeed() string {
	return fmt.Sprintf("buckets:\n  - name: %s\n    objects:\n      - {Key: %s, Size: %d, ContentType: application/octet-stream}\n",
		benchBucket, benchObjectKey, benchObjectSize)
}

// answer is one recorded response; its JSON form carries it to a bare-proc child.
type answer struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// startBare serves, with nothing but net/http, the very answers an in-process fake
// gives to the workload's requests: the ceiling any handler on this machine can reach.
func startBare(wl workload) (*target, error) {
	answers, err := recordAnswers(wl)
	if err != nil {
		return nil, err
	}
	ts := httptest.NewServer(bareHandler(answers))
	return &target{name: "bare", url: ts.URL, close: ts.Close}, nil
}

// bareHandler answers each known request with its recorded answer and nothing else.
func bareHandler(answers map[string]answer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := answers[r.Method+" "+r.RequestURI]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		for k, v := range a.Header {
			h[k] = v
		}
		if _, ok := a.Header["Content-Type"]; !ok {
			h["Content-Type"] = nil // as the fake: no sniffed type
		}
		w.WriteHeader(a.Status)
		_, _ = w.Write(a.Body)
	})
}

// recordAnswers sets up a private in-process fake and keeps its answer to each
// distinct request of wl.
func recordAnswers(wl workload) (map[string]answer, error) {
	ref, err := startInProcess(workload{name: wl.name, object: wl.object})
	if err != nil {
		return nil, err
	}
	defer ref.close()
	client := &http.Client{}
	defer client.CloseIdleConnections()
	if err := setUp(client, ref.url); err != nil {
		return nil, err
	}
	answers := map[string]answer{}
	for _, r := range wl.distinct() {
		resp, err := send(client, ref.url, r)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		answers[r.method+" "+r.target] = answer{resp.StatusCode, resp.Header, body}
	}
	return answers, nil
}

// startURL is an endpoint given on the command line, NAME=URL or URL.
func startURL(spec string) *target {
	name, url, ok := strings.Cut(spec, "=")
	if !ok || strings.Contains(name, "/") {
		name, url = "url", spec
	}
	return &target{name: name, url: strings.TrimSuffix(url, "/"), setup: true, close: func() {}}
}

// send makes one request of a workload.
func send(client *http.Client, base string, r request) (*http.Response, error) {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, base+r.target, body)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// setUp creates the bench bucket and its configurations. An existing bucket (a URL
// target used twice) is fine.
func setUp(client *http.Client, base string) error {
	for i, r := range setupRequests() {
		resp, err := send(client, base, r)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode/100 != 2 && !(i == 0 && resp.StatusCode == http.StatusConflict) {
			return fmt.Errorf("setting up %s: %s %s answered %d", base, r.method, r.target, resp.StatusCode)
		}
	}
	return nil
}
