// Package mock is a fake Amazon S3 for the bucket inventory subresource: the four
// inventory configuration operations (Put, Get, Delete, ListBucketInventoryConfigurations)
// with the exact XML, headers and errors of real S3, the bucket operations a client
// needs around them, and the objects inventory reads and delivers. A *Server is an
// http.Handler: wrap it in httptest.NewServer in a Go test, or in an http.Server (the
// sidecar, cmd/s3invmock). Two Servers share nothing. See ExampleNew.
//
// # One request's way
//
// Every step reads the Call (call.go) that routing fills in; nothing parses the URL
// twice.
//
//  1. server.go    ServeHTTP stamps the request ids, Date and Server headers, and keeps
//     /_mock/ (the control API's prefix) out of S3's namespace.
//  2. route.go     addressing (path-style or virtual-hosted, through gorilla/mux), the
//     query parsed once (identity.Query), the operation chosen from the method
//     and the set of query keys.
//  3. access.go    who is calling and what they may do, in S3's order: the caller's
//     key and account, the signature (verify mode), then per operation the IAM
//     action and the bucket's owner.
//  4. hook.go      the scenario hook (package scenarios) may delay the request, answer
//     it with an error or a literal answer, or break the connection.
//  5. body.go      the body, read once and checked (Content-MD5, x-amz-content-sha256),
//     as its own explicit step of each operation.
//  6. the operation: inventory.go (Put, Get, Delete), list.go (List and its pages,
//     token.go), bucket.go (CreateBucket, HeadBucket, DeleteBucket, ListBuckets),
//     over store.go (buckets, configurations and objects under one lock).
//  7. answers.go   the byte layout of every success answer; errors.go's WriteError
//     writes every refusal from the one error table (internal/wire/errors.go).
//  8. recorder.go and journal.go: the journal entry (operation, bucket, id, status,
//     code, fired rules), bounded in entries and bytes (entrybounds.go).
//
// Seeds and snapshots (state*.go, seeddecode.go) load and dump the whole state.
//
// Deliveries (deliver.go, the report package) run on demand or by schedule: the
// inventory clock (clock.go) is the wall clock until Set or Advanced; each step runs
// the scans due in its span (schedule.go, store_schedules.go) and lands late reports
// (store_landings.go); a DeliveryHook (deliveryplan.go) may make one late or skip it.
//
// # Sub-packages, and which way the imports point
//
//	mock/internal/wire  XML reading and writing, the error table        (imports nothing of ours)
//	mock/identity       accounts, keys, SigV4 verification              (nothing of ours)
//	mock/yamldoc        the strict YAML/JSON document reader            (nothing of ours)
//	mock/object         one object version as inventory sees it         (nothing of ours)
//	mock/inventory      the configuration document: model, parse, render (wire, identity)
//	mock/report         a delivery's files: CSV, Parquet, ORC, manifest  (object; report/orc)
//	mock                the fake S3                                     (all of the above)
//	mock/replay         capture, export and replay bundles              (mock, scenarios)
//	mock/control        the control API under /_mock/                   (mock, scenarios, replay)
//	mock/mocktest       a fake per test in one line                     (mock, scenarios, replay)
//	mock/s3client       the AWS SDK for Go v2 wired to a Fake           (mocktest, the SDK)
//	mock/s3matchers     Gomega matchers over the journal                (mock)
//
// Package scenarios imports mock, never the other way round: mock exposes the Hook
// interface that a scenario engine satisfies. The AWS SDK appears only in tests and
// in mock/s3client.
package mock
