package main

import (
	"encoding/json"
	"fmt"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// hundredRules is a scenario of 100 rules none of which matches a workload's requests:
// they name other operations, other buckets, access keys and headers the benchmark
// never sends, so the engine walks all of them on every request.
func hundredRules() *scenarios.Scenario {
	b := scenarios.New().Seed(1)
	for i := range 100 {
		b.Rule(fmt.Sprintf("rule-%03d", i))
		switch i % 4 {
		case 0:
			b.On(mock.DeleteBucketInventoryConfiguration, mock.DeleteBucket)
		case 1:
			b.Bucket(fmt.Sprintf("locked-%d-*", i))
		case 2:
			b.On(mock.PutBucketInventoryConfiguration).AccessKey(fmt.Sprintf("AKIA%d*", i))
		case 3:
			b.Header("X-Chaos", fmt.Sprintf("*%d*", i))
		}
		b.Probability(0.5).Fail(mock.SlowDown)
	}
	return b.MustBuild()
}

// hundredRulesJSON is hundredRules in the scenario file format, for the binary.
func hundredRulesJSON() ([]byte, error) { return json.Marshal(hundredRules()) }
