// Package replay turns a journal of full exchanges into a replay bundle, and loads
// one, so that a client bug can ship as one file and become a regression test.
//
// A Bundle is {seed, scenario}: the state before the first recorded request (the
// seed/snapshot format of mock.ParseState) and a scenario whose rules answer the
// recorded requests in their recorded order with the recorded status, headers and
// body. Rule N matches the N-th request's operation, method, bucket and id, fires in
// state step-N (the first in scenarios.StartState), answers with respond and moves the
// scenario to step N+1. A request that does not match the next step reaches the fake
// S3, which starts from the seed.
//
//	rec := replay.Begin(srv)        // snapshot the state, switch capture on
//	... the client under test talks to srv ...
//	b, err := rec.Bundle()          // or replay.Export(srv.Journal(), seed)
//	data, err := b.YAML()           // the bug report: one file
//
//	b, err := replay.Parse(data)    // JSON or YAML, told apart by content
//	err = b.Install(srv, engine)    // a fresh fake answers as the recorded one did
//
// Exact replay covers statuses and body bytes, and the recorded headers but four: the
// fake writes its own Date, x-amz-request-id, x-amz-id-2 and Server on every answer.
package replay
