package main

import (
	"fmt"
	"net/http"
)

// benchBucket is the bucket every workload uses; seedConfigurations is how many
// configurations it holds, so that List pages are full and truncated.
const (
	benchBucket        = "bench"
	seedConfigurations = 250
	hotID              = "cfg-0042"
	benchObjectKey     = "inv/data/part-00000.csv.gz"
	benchObjectSize    = 64 << 10
)

// request is one request of a workload, and the status a correct answer has.
type request struct {
	method, target string // target is path and query
	body           []byte
	want           int
}

// workload is a named mix of requests against a bucket set up the same way on every
// target.
type workload struct {
	name string
	// about is one line for the report.
	about string
	// scenario: the mock targets run with the 100-rule scenario none of whose rules
	// match (see hundredRules), and once more without it (a target named
	// inproc-no-rules, binary-no-rules).
	scenario bool
	// object: the bench bucket holds benchObjectKey, seeded from Go in process and
	// from a seed file in the sidecar (objectSeed).
	object bool
	// next returns the i-th request of a worker.
	next func(i int) request
}

var (
	getOne    = request{"GET", "/" + benchBucket + "?inventory&id=" + hotID, nil, http.StatusOK}
	getList   = request{"GET", "/" + benchBucket + "?inventory", nil, http.StatusOK}
	getObject = request{"GET", "/" + benchBucket + "/" + benchObjectKey, nil, http.StatusOK}
	putOne    = request{"PUT", "/" + benchBucket + "?inventory&id=" + hotID, document(hotID), http.StatusNoContent}
)

var workloads = []workload{
	{name: "get-one", about: "GetBucketInventoryConfiguration of one configuration",
		next: func(int) request { return getOne }},
	{name: "list-page", about: "ListBucketInventoryConfigurations, first page of 100",
		next: func(int) request { return getList }},
	{name: "put-replace", about: "PutBucketInventoryConfiguration replacing one configuration",
		next: func(int) request { return putOne }},
	{name: "mixed-90-10", about: "9 Gets to 1 Put of the same configuration",
		next: func(i int) request {
			if i%10 == 9 {
				return putOne
			}
			return getOne
		}},
	{name: "get-object", about: "GetObject of a 64 KiB object (filler bytes)", object: true,
		next: func(int) request { return getObject }},
	{name: "put-100-rules", about: "put-replace with a 100-rule scenario in force, no rule matching", scenario: true,
		next: func(int) request { return putOne }},
}

func workloadNames() []string {
	names := make([]string, len(workloads))
	for i, w := range workloads {
		names[i] = w.name
	}
	return names
}

func workloadByName(name string) (workload, bool) {
	for _, w := range workloads {
		if w.name == name {
			return w, true
		}
	}
	return workload{}, false
}

// distinct returns each different request of w once (bare serves their answers).
func (w workload) distinct() []request {
	seen := map[string]bool{}
	var out []request
	for i := range 10 {
		r := w.next(i)
		if k := r.method + " " + r.target; !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// setupRequests create the bucket and its configurations.
func setupRequests() []request {
	reqs := []request{{"PUT", "/" + benchBucket, nil, http.StatusOK}}
	for i := range seedConfigurations {
		id := fmt.Sprintf("cfg-%04d", i)
		reqs = append(reqs, request{"PUT", "/" + benchBucket + "?inventory&id=" + id, document(id), http.StatusNoContent})
	}
	return reqs
}

// document is a configuration as the AWS SDK for Go sends it, with a filter and two
// optional fields: a typical size for a Get answer (about 600 bytes).
func document(id string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<Destination><S3BucketDestination><Bucket>arn:aws:s3:::inventory-reports</Bucket>` +
		`<Format>CSV</Format><Prefix>reports/</Prefix></S3BucketDestination></Destination>` +
		`<Filter><Prefix>data/</Prefix></Filter><Id>` + id + `</Id>` +
		`<IncludedObjectVersions>Current</IncludedObjectVersions><IsEnabled>true</IsEnabled>` +
		`<OptionalFields><Field>Size</Field><Field>LastModifiedDate</Field></OptionalFields>` +
		`<Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`)
}
