package scenarios_test

import (
	"strconv"

	"github.com/s3invmock/s3invmock/scenarios"
)

func itoa(i int) string { return strconv.Itoa(i) }

// engineFor is an engine running sc, for specs, examples and benchmarks whose
// scenarios are valid by construction; an invalid one stops the test run loudly.
func engineFor(sc *scenarios.Scenario, opts ...scenarios.EngineOption) *scenarios.Engine {
	e := scenarios.NewEngine(opts...)
	if err := e.Replace(sc); err != nil {
		panic("engineFor: " + err.Error())
	}
	return e
}
