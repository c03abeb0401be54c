package scenarios

import "time"

// Delivery makes the rule match inventory deliveries of source bucket, configuration
// id and format (globs; "" matches all) instead of requests (match.delivery).
func (b *Builder) Delivery(bucket, id, format string) *Builder {
	b.cur().Match.Delivery = &DeliveryMatch{Bucket: bucket, ID: id, Format: format}
	return b
}

// faults is the delivery faults of the rule being written.
func (b *Builder) faults() *DeliveryFaults { return &b.cur().Action.DeliveryFaults }

// Late makes the report land d after the scan (action.late).
func (b *Builder) Late(d time.Duration) *Builder { b.faults().Late = Duration(d); return b }

// Skip makes the delivery never happen (action.skip).
func (b *Builder) Skip() *Builder { b.faults().Skip = true; return b }

// Duplicate delivers the report again under the next minute (action.duplicate).
func (b *Builder) Duplicate() *Builder { b.faults().Duplicate = true; return b }

// Split writes the rows in n data files, n at least 1 (action.split).
func (b *Builder) Split(n int) *Builder { b.faults().Split = n; return b }

// MultiMemberGzip writes CSV files as one gzip member per row (action.multiMemberGzip).
func (b *Builder) MultiMemberGzip() *Builder { b.faults().MultiMemberGzip = true; return b }

// TrailingNewline adds an LF after the last CSV row (action.trailingNewline).
func (b *Builder) TrailingNewline() *Builder { b.faults().TrailingNewline = true; return b }

// Unsorted shuffles each data file's rows from the scenario's seed (action.unsorted).
func (b *Builder) Unsorted() *Builder { b.faults().Unsorted = true; return b }

// MissingChecksum writes no manifest.checksum (action.missingChecksum).
func (b *Builder) MissingChecksum() *Builder { b.faults().MissingChecksum = true; return b }

// BadChecksum writes a manifest.checksum that does not match (action.badChecksum).
func (b *Builder) BadChecksum() *Builder { b.faults().BadChecksum = true; return b }

// BadMD5 lists a wrong MD5checksum for the first data file (action.badMD5).
func (b *Builder) BadMD5() *Builder { b.faults().BadMD5 = true; return b }

// Truncated cuts the first data file short (action.truncated).
func (b *Builder) Truncated() *Builder { b.faults().Truncated = true; return b }

// MissingFile lists the first data file but writes none (action.missingFile).
func (b *Builder) MissingFile() *Builder { b.faults().MissingFile = true; return b }

// StaleFor makes the matched configuration calls lag d behind each change
// (action.stale.for).
func (b *Builder) StaleFor(d time.Duration) *Builder {
	b.cur().Action.Stale = &Stale{For: Duration(d)}
	return b
}

// StaleRequests makes the first n matched configuration calls after each change see
// the configurations before it (action.stale.requests).
func (b *Builder) StaleRequests(n int) *Builder {
	b.cur().Action.Stale = &Stale{Requests: n}
	return b
}
