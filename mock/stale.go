package mock

import "time"

// StaleRead is propagation lag, S3's eventual consistency of bucket configuration:
// a hook sets Call.Stale to make a configuration operation see the bucket's
// inventory configurations as they were before their last change, while that change
// is recent. Get then misses a configuration PUT a moment ago (NoSuchConfiguration)
// and finds one just deleted, List shows the old set, and Delete answers as it would
// have before the change. A Put is a write and is never stale: it is the next change.
// The fake keeps one previous version per bucket, so only the last change lags.
type StaleRead struct {
	// For is how long after the change a call still sees the old version, on the
	// inventory clock (Clock: the simulated clock once set or advanced, else the
	// server's clock). 0: no bound in time.
	For time.Duration
	// Requests is how many calls counted under Counter after each change see the old
	// version. 0: no bound in calls.
	Requests int
	// Counter names the count Requests draws on (a scenario rule's name), so that two
	// rules count apart.
	Counter string
}

// staleChange is the change c must not see yet, if any.
func (s *Server) staleChange(c *Call) (configChange, bool) {
	if c.Stale == nil {
		return configChange{}, false // without reading the clock: every Get and List asks
	}
	return s.store.staleChange(c.Bucket, c.Stale, s.now())
}
