package mocktest_test

import (
	"fmt"
	"net/http"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/scenarios"
)

// A fake with one bucket and a scenario that refuses writes to it, in one call. In a
// test, pass its *testing.T or GinkgoT().
func ExampleStart() {
	t := new(mocktest.ExampleTB)
	defer t.Close()

	deny := scenarios.New().Rule("read-only").On(mock.PutBucketInventoryConfiguration).Fail(mock.AccessDenied).MustBuild()
	fake := mocktest.Start(t, mocktest.Bucket("reports"), mocktest.Scenario(deny))

	resp, err := http.Head(fake.URL() + "/reports")
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, len(fake.Journal()), fake.Journal()[0].Operation)
	// Output: 200 1 HeadBucket
}

// Account makes the Fake's credentials a key of another account.
func ExampleAccount() {
	t := new(mocktest.ExampleTB)
	defer t.Close()

	fake := mocktest.Start(t, mocktest.Account("111122223333"), mocktest.Bucket("reports"))
	fmt.Println(fake.Account(), fake.Buckets()[0].Owner)
	// Output: 111122223333 111122223333
}
