package mock

import (
	"fmt"
	"time"
)

// DeliveryOutcome says whether a delivery wrote its report.
type DeliveryOutcome string

// The outcomes of a delivery.
const (
	// Delivered: every file of the report is in the destination bucket.
	Delivered DeliveryOutcome = "delivered"
	// DeliveryFailed: S3 could not make the report; nothing was written, Reason says why.
	DeliveryFailed DeliveryOutcome = "failed"
	// DeliverySkipped: a DeliveryPlan skipped it (a fault); nothing was written.
	DeliverySkipped DeliveryOutcome = "skipped"
)

// Delivery is the record of one inventory delivery, as Deliver returns it and
// GET /_mock/inventory/deliveries lists it. Records are kept (up to
// WithMaxDeliveryRecords) and travel in snapshots.
type Delivery struct {
	// Seq numbers the server's deliveries from 1, in the order they started.
	Seq uint64 `json:"seq" yaml:"seq"`
	// Bucket and ID name the source bucket and the inventory configuration.
	Bucket string `json:"bucket" yaml:"bucket"`
	ID     string `json:"id" yaml:"id"`
	// ScanAt is the scan instant on the inventory clock (Clock), a whole minute. The
	// report lists the source as it was then; the keys and creationTimestamp name it.
	ScanAt time.Time `json:"scanAt" yaml:"scanAt"`
	// CompletedAt is when the report was made, on the inventory clock.
	CompletedAt time.Time `json:"completedAt" yaml:"completedAt"`
	// LandAt is when the files land in the destination: their LastModified, and the
	// first instant of the inventory clock at which anything shows them. It is
	// CompletedAt plus WithDeliveryLag plus a DeliveryPlan's Late; zero when failed.
	LandAt  time.Time       `json:"landAt,omitzero" yaml:"landAt,omitempty"`
	Outcome DeliveryOutcome `json:"outcome" yaml:"outcome"`
	// Reason says why a failed or skipped delivery wrote nothing; "" when delivered.
	Reason string `json:"reason" yaml:"reason"`
	// Destination is the destination bucket's name ("" when the configuration is
	// missing); ManifestKey the key of manifest.json there ("" when failed).
	Destination string `json:"destination" yaml:"destination"`
	ManifestKey string `json:"manifestKey" yaml:"manifestKey"`
	// Keys are every key written, in write order: data files, symlink.txt,
	// manifest.json, manifest.checksum. Empty when failed.
	Keys []string `json:"keys" yaml:"keys"`
	// Rows is the number of report rows; Files the number of data files.
	Rows  int64 `json:"rows" yaml:"rows"`
	Files int   `json:"files" yaml:"files"`
	// Faults names the delivery faults a DeliveryHook applied (DeliveryPlan.Faults),
	// such as "split:4" or "badMD5"; empty for a faithful report.
	Faults []string `json:"faults" yaml:"faults"`
}

// DeliveryError is the error of a delivery that S3 could not make (a disabled
// configuration, a destination in another region, ...). Deliver returns it with the
// failed record; a missing bucket or configuration is the *Error NoSuchBucket or
// NoSuchConfiguration instead.
type DeliveryError struct {
	Delivery Delivery
}

// Error reads like `delivery 3 of bucket "src" configuration "daily" failed: ...`.
func (e *DeliveryError) Error() string {
	return fmt.Sprintf("delivery %d of bucket %q configuration %q failed: %s",
		e.Delivery.Seq, e.Delivery.Bucket, e.Delivery.ID, e.Delivery.Reason)
}

// clone returns a copy of d that shares no slice with it.
func (d Delivery) clone() Delivery {
	d.Keys = append([]string{}, d.Keys...)
	d.Faults = append([]string{}, d.Faults...)
	return d
}
