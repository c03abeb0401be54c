package mock

import (
	"fmt"
	"time"
)

// The schedule's choices (C: S3 states none of them; see fixtures/reports/SOURCES.md).
const (
	// DefaultDeliveryAt is the time of day (UTC, since midnight) of every scheduled
	// scan: 01:00, the scan instant of two real buckets' reports (R).
	DefaultDeliveryAt = time.Hour
	// DefaultDeliveryLag is how long after its scan a report's objects land (C: 0;
	// real reports complete hours later, R).
	DefaultDeliveryLag time.Duration = 0
	// DefaultInitialDelay is added to a configuration's first PUT before its first
	// scan is looked for (C: 0; S3 says the first report may take up to 48 hours, D).
	DefaultInitialDelay time.Duration = 0
	// maxScheduleVersions bounds the versions a configuration's schedule keeps of
	// changes not yet behind the simulated clock (C); past it the oldest go.
	maxScheduleVersions = 64
)

// WithSimulatedClock starts the inventory clock simulated at t (default: the wall
// clock, see Clock): the schedule runs from the first Set or Advance.
func WithSimulatedClock(t time.Time) Option {
	return func(c *config) { c.simStart = t.UTC(); c.simulated = true }
}

// WithDeliveryAt sets the time of day (UTC, as a duration since midnight, whole
// minutes) of scheduled scans (default DefaultDeliveryAt, 01:00). A value outside
// [0, 24h) or not in whole minutes means the default.
func WithDeliveryAt(sinceMidnight time.Duration) Option {
	return func(c *config) {
		if sinceMidnight < 0 || sinceMidnight >= 24*time.Hour || sinceMidnight%time.Minute != 0 {
			sinceMidnight = DefaultDeliveryAt
		}
		c.deliveryAt = sinceMidnight
	}
}

// WithDeliveryLag sets how long after its scan every report's objects land (default
// DefaultDeliveryLag, 0). Until then no listing, GetObject or Go call shows them. A
// negative value means the default.
func WithDeliveryLag(d time.Duration) Option {
	return func(c *config) { c.deliveryLag = max(d, 0) }
}

// WithInitialDelay sets what is added to a configuration's first PUT before its
// first scan (default DefaultInitialDelay, 0). A negative value means the default.
func WithInitialDelay(d time.Duration) Option {
	return func(c *config) { c.initialDelay = max(d, 0) }
}

// ParseDeliveryAt reads a time of day "HH:MM" (UTC) as WithDeliveryAt takes it.
func ParseDeliveryAt(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != len("15:04") {
		return 0, fmt.Errorf("want a time of day HH:MM (UTC) such as 01:00, got %q", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}
