package mock

import (
	"time"

	"github.com/s3invmock/s3invmock/mock/report"
)

// DeliveryPlan is one delivery as a DeliveryHook sees it, before the report is made:
// the first fields say which delivery it is; the hook may set the others.
type DeliveryPlan struct {
	// Bucket, ID and Format name the source bucket, the configuration and its
	// report format (CSV, ORC, Parquet); ScanAt is the scan instant; Scheduled is
	// true for a delivery the clock's schedule runs, false for Deliver on demand.
	// Read only.
	Bucket, ID, Format string
	ScanAt             time.Time
	Scheduled          bool

	// Late makes the report's objects land that long after the scan, on top of
	// WithDeliveryLag: the keys and creationTimestamp keep the scan instant, their
	// Last-Modified is the landing instant, and nothing of them is visible before
	// the inventory clock reaches it. The record's landAt says when. Default 0.
	Late time.Duration
	// Skip makes the delivery write nothing: its record's outcome is
	// DeliverySkipped, and Deliver returns no error. Default false.
	Skip bool
	// Duplicate writes the same report a second time under the next minute's
	// timestamp (keys, creationTimestamp): one record, both reports' keys. Default
	// false.
	Duplicate bool
	// Report are the report's own defects (split, gzip members, checksums...), see
	// report.Faults. Default none.
	Report report.Faults
	// Faults name the faults applied, in the record's faults. Default none.
	Faults []string
}

// DeliveryHook plans deliveries: a scenario engine satisfies it to make some
// deliveries late, skipped or faulty. PlanDelivery runs once per delivery that S3
// could make (after the checks of Deliver), on the goroutine that delivers, and must
// be quick. When no DeliveryHook is installed, the request Hook plans deliveries if
// it is a DeliveryHook too (as the scenario engine is).
type DeliveryHook interface {
	PlanDelivery(d *DeliveryPlan)
}

type deliveryHookBox struct{ h DeliveryHook }

// WithDeliveryHook installs a delivery hook (default none).
func WithDeliveryHook(h DeliveryHook) Option { return func(c *config) { c.deliveryHook = h } }

// SetDeliveryHook installs h for the deliveries that start from now on; nil removes
// it.
func (s *Server) SetDeliveryHook(h DeliveryHook) {
	if h == nil {
		s.dhook.Store(nil)
		return
	}
	s.dhook.Store(&deliveryHookBox{h})
}

// DeliveryHookFunc adapts a function to DeliveryHook.
type DeliveryHookFunc func(d *DeliveryPlan)

// PlanDelivery calls f.
func (f DeliveryHookFunc) PlanDelivery(d *DeliveryPlan) { f(d) }

// plan asks the delivery hook, else the request hook when it is one, about one
// delivery.
func (s *Server) plan(p *DeliveryPlan) {
	if hb := s.dhook.Load(); hb != nil {
		hb.h.PlanDelivery(p)
		return
	}
	if hb := s.hook.Load(); hb != nil {
		if dh, ok := hb.h.(DeliveryHook); ok {
			dh.PlanDelivery(p)
		}
	}
}
