package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// A fake S3 behind httptest: a bucket made from Go, one PutBucketInventoryConfiguration
// and one GetBucketInventoryConfiguration over HTTP, then the journal of what came in.
func ExampleNew() {
	srv := mock.New()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	if err := srv.AddBucket("reports"); err != nil {
		fmt.Println(err)
		return
	}

	doc := `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<Id>daily</Id><IsEnabled>true</IsEnabled>` +
		`<Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination>` +
		`<Schedule><Frequency>Daily</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions>` +
		`</InventoryConfiguration>`
	put, _ := http.NewRequest(http.MethodPut, ts.URL+"/reports?inventory&id=daily", strings.NewReader(doc))
	resp, err := http.DefaultClient.Do(put)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println("PUT:", resp.StatusCode)

	resp, err = http.Get(ts.URL + "/reports?inventory&id=daily")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("GET:", resp.StatusCode)
	fmt.Println(string(body))

	for _, e := range srv.Journal() {
		fmt.Println(e.Seq, e.Method, e.Operation, e.Bucket, e.ID, e.Status)
	}
	// Output:
	// PUT: 204
	// GET: 200
	// <?xml version="1.0" encoding="UTF-8"?><InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>daily</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily</Frequency></Schedule><IncludedObjectVersions>Current</IncludedObjectVersions></InventoryConfiguration>
	// 1 PUT PutBucketInventoryConfiguration reports daily 204
	// 2 GET GetBucketInventoryConfiguration reports daily 200
}
