package control_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/scenarios"
)

// Capture on, a request, the journal exported as a bundle, the bundle loaded into
// another fake: all over HTTP, as any language's tests can do against the sidecar.
func Example_exportAndReplay() {
	serve := func(buckets ...string) (*httptest.Server, *scenarios.Engine) {
		e, srv := scenarios.NewEngine(), mock.New()
		for _, b := range buckets {
			_ = srv.AddBucket(b)
		}
		return httptest.NewServer(control.New(srv, e)), e
	}
	call := func(method, url, body string) string {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d %s", resp.StatusCode, b)
	}
	recorded, e1 := serve("reports")
	defer recorded.Close()
	defer e1.Close()
	fresh, e2 := serve()
	defer fresh.Close()
	defer e2.Close()

	call("PUT", recorded.URL+"/_mock/scenarios",
		`{"rules": [{"name": "once", "match": {"operation": "HeadBucket"}, "when": {"times": 1}, "action": {"error": "SlowDown"}}]}`)
	call("PUT", recorded.URL+control.CapturePath, `{"enabled": true}`)
	fmt.Println(call("HEAD", recorded.URL+"/reports", "")[:3], call("HEAD", recorded.URL+"/reports", "")[:3])
	bundle := call("GET", recorded.URL+control.ExportPath, "")[4:]
	fmt.Print(call("PUT", fresh.URL+control.ReplayPath, bundle))
	fmt.Println(call("HEAD", fresh.URL+"/reports", "")[:3], call("HEAD", fresh.URL+"/reports", "")[:3])
	// Output:
	// 503 200
	// 200 {"success":true,"data":{"buckets":1,"rules":2}}
	// 503 200
}
