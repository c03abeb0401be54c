// Package inventory is the S3 inventory configuration document: its model
// (Configuration and the enumerations S3 accepts), Parse and Decode, which check a
// client's document as S3 checks it and refuse it with the S3 error S3 sends, and the
// canonical rendering that every Get, List and snapshot writes.
//
// Requests are read leniently (any child order, <SSE-S3/> or <SSE-S3></SSE-S3>, an
// optional XML declaration); answers are written strictly in S3's canonical order.
// Both the configuration calls of package mock and the report writer read this model.
//
//	cfg, err := inventory.Decode(body, "daily")   // err is the S3 error: MalformedXML, IdMismatch, ...
//	doc := cfg.Document()                          // the GetBucketInventoryConfiguration body
package inventory
