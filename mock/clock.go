package mock

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Clock is the inventory's clock: the time of schedules, of the scan instants in
// report keys and creationTimestamp, of Last-Modified of delivered objects, and of
// bucket creation dates. It starts as the wall clock (WithClock, default time.Now)
// unless WithSimulatedClock starts it simulated. Once Set or Advanced it is
// simulated: it stands still between calls, so a test is deterministic, and each
// step runs the deliveries S3 would have made in the span it crosses.
//
// Date headers, signature skew and presign expiry keep the wall clock: clients sign
// with their own time, and the JS SDK v3 resets its clock offset from every answer's
// Date header (M), so a Date days ahead would make its next request
// RequestTimeTooSkewed.
type Clock struct {
	srv *Server
	// step serializes Set and Advance and the deliveries they run.
	step sync.Mutex
	// sim is the simulated instant; nil while the clock is the wall clock.
	sim atomic.Pointer[time.Time]
}

// ClockError is a clock step the fake refuses: a negative Advance, or a Set to an
// instant before the simulated Now.
type ClockError struct {
	Now, To time.Time
}

// Error reads like `the inventory clock cannot go back from 2026-12-06T00:00:00Z to
// 2026-12-01T00:00:00Z: ...`.
func (e *ClockError) Error() string {
	return fmt.Sprintf("the inventory clock cannot go back from %s to %s: reports already delivered "+
		"would be dated in the future and their keys written again; start a new server (or Reset) instead",
		e.Now.UTC().Format(time.RFC3339Nano), e.To.UTC().Format(time.RFC3339Nano))
}

// Clock returns the server's inventory clock.
func (s *Server) Clock() *Clock { return &s.clock }

// now is the inventory clock's instant, in UTC.
func (s *Server) now() time.Time { return s.clock.Now() }

// Now is the inventory clock's instant, in UTC: the simulated instant, or the wall
// clock's while the clock is not simulated.
func (c *Clock) Now() time.Time {
	if p := c.sim.Load(); p != nil {
		return *p
	}
	return c.srv.cfg.clock().UTC()
}

// Simulated tells whether the clock has been set or advanced (or started simulated),
// and so stands still between calls.
func (c *Clock) Simulated() bool { return c.sim.Load() != nil }

// Advance moves the clock d forward (from the wall clock's instant on the first
// step) and runs, oldest first, every scheduled delivery due in the span it crosses,
// and lands every late delivery due by its end; it returns the deliveries it ran. A
// delivery S3 could not make is in the list as failed. A negative d is a *ClockError.
func (c *Clock) Advance(d time.Duration) ([]Delivery, error) {
	c.step.Lock()
	defer c.step.Unlock()
	from := c.Now()
	if d < 0 {
		return []Delivery{}, &ClockError{Now: from, To: from.Add(d)}
	}
	return c.run(from, from.Add(d)), nil
}

// Set moves the clock to t and runs the deliveries due in between, as Advance does.
// The first step from the wall clock may choose any instant, as nothing has run by
// schedule yet; after that an instant before Now is a *ClockError (C: going back
// would date delivered reports in the future and write their keys again).
func (c *Clock) Set(t time.Time) ([]Delivery, error) {
	c.step.Lock()
	defer c.step.Unlock()
	t = t.UTC()
	from := c.Now()
	switch {
	case c.Simulated() && t.Before(from):
		return []Delivery{}, &ClockError{Now: from, To: t}
	case t.Before(from):
		from = t // leaving the wall clock for an earlier instant: an empty span
	}
	return c.run(from, t), nil
}

// start sets the simulated instant without running anything (WithSimulatedClock,
// snapshots).
func (c *Clock) start(t time.Time) {
	t = t.UTC()
	c.sim.Store(&t)
}

// run makes the deliveries due in (from, to], lands those due by to, and leaves the
// clock at to.
func (c *Clock) run(from, to time.Time) []Delivery {
	out := c.srv.runSchedule(from, to)
	c.start(to)
	return out
}
