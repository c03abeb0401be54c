package mock

import "time"

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
	// Skip makes the delivery write nothing: its record is failed, with the reason
	// that a fault skipped it. Default false.
	Skip bool
	// Faults name the faults applied, in the record's faults. Default none.
	Faults []string
}

// DeliveryHook plans deliveries: a scenario engine satisfies it to make some
// deliveries late, skipped or faulty. PlanDelivery runs once per delivery that S3
// could make (after the checks of Deliver), on the goroutine that delivers, and must
// be quick.
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

// plan asks the hook, if any, about one delivery.
func (s *Server) plan(p *DeliveryPlan) {
	if hb := s.dhook.Load(); hb != nil {
		hb.h.PlanDelivery(p)
	}
}
