package scenarios

import (
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// Stale is propagation lag: the configuration calls a rule matches (Get, List, Put,
// Delete of inventory configurations) see the bucket's configurations as they were
// before their last change, for a while after each change: a Get right after a PUT
// answers NoSuchConfiguration, a List omits it, a Get after a Delete still finds it.
// A Put itself always writes. Exactly one of For and Requests is set.
type Stale struct {
	// For is how long after each change, on the server's inventory clock (the
	// simulated clock once it is set or advanced, else the wall clock).
	For Duration `json:"for,omitempty"`
	// Requests is how many of the calls the rule matches after each change.
	Requests int `json:"requests,omitempty"`
}

// configurationOps are the operations a stale rule can reach.
var configurationOps = Operations{mock.GetBucketInventoryConfiguration, mock.ListBucketInventoryConfigurations,
	mock.PutBucketInventoryConfiguration, mock.DeleteBucketInventoryConfiguration}

// read is the mock's view of s for the rule named rule.
func (s *Stale) read(rule string) *mock.StaleRead {
	return &mock.StaleRead{For: time.Duration(s.For), Requests: s.Requests, Counter: rule}
}

func (s *Stale) validate(p *problems, path string, ops Operations) {
	switch {
	case (s.For != 0) == (s.Requests != 0):
		p.add(path, 0, "give exactly one of for and requests")
	case s.For < 0:
		p.add(path+".for", 0, "must be positive, got %s", s.For.String())
	case s.Requests < 0:
		p.add(path+".requests", 0, "must be positive, got %d", s.Requests)
	}
	for _, op := range ops {
		if !configurationOps.has(op) {
			p.add(path, 0, "applies only to the inventory configuration operations, and match.operation names %s", op)
			return
		}
	}
}
