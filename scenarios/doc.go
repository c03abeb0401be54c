// Package scenarios is the fault-injection half of s3invmock: rules that decide, per
// request, whether the fake S3 answers normally, with an S3 error, late, slowly, or by
// breaking the connection.
//
// A Scenario is a seed and an ordered list of rules; each rule is match (operation,
// bucket, id, method, access key, account, headers; globs with * and ?), when (after,
// times, every, probability, state) and action (error, latency, bandwidth, respond,
// fault, setState, page). Every rule whose match and when hold fires; when.state reads
// the state the request found, setState applies from the next request; latencies add
// up; the first fired rule with an error, respond or fault decides the answer, else
// the request reaches the fake S3.
//
// A rule with match.delivery (bucket, id, format) matches inventory deliveries instead
// of requests; its actions shape the report a consumer receives (late, skip,
// duplicate, split, multiMemberGzip, trailingNewline, unsorted, missingChecksum,
// badChecksum, badMD5, truncated, missingFile), its when counts deliveries, and the
// Engine applies it as the server's mock.DeliveryHook; the delivery record's faults
// name what it did. action.stale {for | requests} is propagation lag: the
// configuration calls the rule matches see the bucket as it was before its last
// change.
//
// Three ways in, one format: a YAML or JSON file read with Parse or Load, the Builder
// in Go, and the control API (package mock/control) that takes the same documents over
// HTTP. An Engine runs a scenario as the mock.Server's hook:
//
//	sc, err := scenarios.Load("fixtures/scenarios/throttling-storm.yaml")
//	...
//	engine := scenarios.NewEngine()
//	if err := engine.Replace(sc); err != nil { ... }
//	defer engine.Close()
//	srv := mock.New(mock.WithHook(engine))
//	ts := httptest.NewServer(srv)
//
// Randomness (probability, latency) comes from a PCG source seeded by the scenario's
// seed, so a failing run replays exactly: same seed, same requests, same faults.
package scenarios
