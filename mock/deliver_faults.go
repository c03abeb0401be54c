package mock

import (
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

// skippedReason is the Reason of a skipped delivery.
const skippedReason = "skipped by a delivery fault: the report never comes"

// skip records rec as skipped: nothing is written and Deliver returns no error,
// since S3 itself did not fail (a missed report is silent outside the console).
func (s *Server) skip(batch *deliveryBatch, rec Delivery, at time.Time) Delivery {
	rec.Outcome, rec.Reason, rec.CompletedAt = DeliverySkipped, skippedReason, at
	_ = s.commit(batch, rec, "", nil, at) // writes nothing: cannot fail
	return rec.clone()
}

// duplicated appends to d the files of the same report made again one minute later
// (DeliveryPlan.Duplicate): same rows, new keys and creationTimestamp.
func duplicated(d report.Delivery, spec report.Spec, objs []object.Stored) (report.Delivery, error) {
	spec.ScanAt = d.ScanAt.Add(time.Minute)
	again, err := report.Deliver(spec, versionsOf(objs))
	if err != nil {
		return d, err
	}
	d.Files = append(d.Files, again.Files...)
	return d, nil
}
