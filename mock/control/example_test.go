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

// The control API and the fake S3 share one listener: a scenario PUT to /_mock/scenarios
// changes how the S3 paths answer.
func Example() {
	engine := scenarios.NewEngine()
	defer engine.Close()
	ts := httptest.NewServer(control.New(mock.New(), engine))
	defer ts.Close()

	doc := "rules:\n  - name: throttle\n    action: {error: SlowDown}\n"
	req, _ := http.NewRequest(http.MethodPut, ts.URL+"/_mock/scenarios", strings.NewReader(doc))
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println("PUT", resp.StatusCode)

	resp, err = http.Get(ts.URL + "/")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("ListBuckets", resp.StatusCode, strings.Contains(string(body), "<Code>SlowDown</Code>"))
	// Output:
	// PUT 200
	// ListBuckets 503 true
}
