package scenarios_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// A rule that lets two PutBucketInventoryConfiguration calls on locked-* buckets
// through and then fails with TooManyConfigurations, run by an engine as a hook.
func Example() {
	sc, err := scenarios.New().Seed(7).
		Rule("limit").On(mock.PutBucketInventoryConfiguration).Bucket("locked-*").
		After(2).Fail(mock.TooManyConfigurations).
		Build()
	if err != nil {
		panic(err)
	}
	engine := engineFor(sc)
	defer engine.Close()

	ok := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
	for i := 1; i <= 3; i++ {
		call := &mock.Call{Operation: mock.PutBucketInventoryConfiguration, Method: http.MethodPut, Bucket: "locked-1", ID: "daily"}
		rec := httptest.NewRecorder()
		engine.Handle(rec, httptest.NewRequest(http.MethodPut, "/locked-1?inventory&id=daily", nil), call, ok)
		fmt.Println(i, rec.Code, call.FiredRules)
	}
	// Output:
	// 1 200 []
	// 2 200 []
	// 3 400 [limit]
}
