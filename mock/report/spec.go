package report

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Format is the report's file format, spelled as the configuration and the manifest
// spell it.
type Format string

// The formats of an inventory configuration (D).
const (
	FormatCSV     Format = "CSV"
	FormatORC     Format = "ORC"
	FormatParquet Format = "Parquet"
)

// IncludedObjectVersions says whether a report lists every version or only current
// ones.
type IncludedObjectVersions string

// The values of IncludedObjectVersions (D).
const (
	VersionsAll     IncludedObjectVersions = "All"
	VersionsCurrent IncludedObjectVersions = "Current"
)

// Defaults and bounds of a Spec (C unless marked).
const (
	// DefaultRowsPerFile is the rows of one data file when Spec.RowsPerFile is 0:
	// real S3 splits large reports at a threshold nobody has measured.
	DefaultRowsPerFile = 1_000_000
	// DestinationARNPrefix starts every destination bucket ARN (D: the configuration
	// takes arn:aws:s3:::name; the manifest repeats it, R).
	DestinationARNPrefix = "arn:aws:s3:::"
	// ManifestVersion is the manifest's "version" value (D, R).
	ManifestVersion = "2016-11-30"
	// ContentType is the Content-Type of every delivered object: S3's type for an
	// object put without one (R). No Content-Encoding goes with it (I).
	ContentType = "binary/octet-stream"
)

// Spec is what one delivery needs to know of its inventory configuration and scan.
// It is its own type so that this package does not depend on the fake's
// configuration model.
type Spec struct {
	// SourceBucket is the bucket the report lists (its name, not an ARN).
	SourceBucket string
	// ConfigurationID is the inventory configuration's Id.
	ConfigurationID string
	// Format is CSV, ORC or Parquet.
	Format Format
	// IncludedObjectVersions is All or Current.
	IncludedObjectVersions IncludedObjectVersions
	// FilterPrefix keeps only the keys that start with it; "" keeps all.
	FilterPrefix string
	// OptionalFields are the configured optional fields, in any order; duplicates
	// are allowed. The report's columns follow the canonical order (Columns).
	OptionalFields []string
	// DestinationBucketARN is arn:aws:s3:::name.
	DestinationBucketARN string
	// DestinationPrefix is the configured destination Prefix; "" for none.
	DestinationPrefix string
	// ScanAt is the scan's start. Deliver truncates it to the minute in UTC, as the
	// layout keys name only minutes (D: YYYY-MM-DDTHH-MMZ) and the fake scans on
	// whole minutes; creationTimestamp is that minute in milliseconds. Required.
	ScanAt time.Time
	// RowsPerFile starts a new data file every that many rows; 0 means
	// DefaultRowsPerFile.
	RowsPerFile int
	// UUIDSeed seeds the data files' UUIDs together with the source bucket, the
	// configuration id and the scan minute, so that a rerun of the same delivery
	// writes the same keys (C). Default 0, a seed like any other.
	UUIDSeed uint64
	// Faults are deliberate defects of this delivery (faults.go); the zero value
	// writes a faithful report.
	Faults Faults
}

// NotImplementedError is the error of a Spec whose format the package cannot write.
// Deliver writes every Format a Spec may hold (CSV, ORC, Parquet), so it returns none
// today; the type stays for callers that test for it.
type NotImplementedError struct{ Format Format }

// Error implements error.
func (e NotImplementedError) Error() string {
	return fmt.Sprintf("report: %s delivery is not implemented yet", e.Format)
}

// destinationBucket is the bucket name of DestinationBucketARN.
func (s *Spec) destinationBucket() string {
	return strings.TrimPrefix(s.DestinationBucketARN, DestinationARNPrefix)
}

// rowsPerFile is RowsPerFile with its default.
func (s *Spec) rowsPerFile() int {
	if s.RowsPerFile == 0 {
		return DefaultRowsPerFile
	}
	return s.RowsPerFile
}

// validate returns every problem with s (format aside), joined.
func (s *Spec) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("report: "+format, args...)) }
	if s.SourceBucket == "" {
		bad("SourceBucket is empty")
	}
	if s.ConfigurationID == "" {
		bad("ConfigurationID is empty")
	}
	if s.IncludedObjectVersions != VersionsAll && s.IncludedObjectVersions != VersionsCurrent {
		bad("IncludedObjectVersions must be All or Current, got %q", s.IncludedObjectVersions)
	}
	if name, ok := strings.CutPrefix(s.DestinationBucketARN, DestinationARNPrefix); !ok || name == "" || strings.Contains(name, "/") {
		bad("DestinationBucketARN must be %sname, got %q", DestinationARNPrefix, s.DestinationBucketARN)
	}
	if s.ScanAt.IsZero() {
		bad("ScanAt is zero")
	}
	if s.RowsPerFile < 0 {
		bad("RowsPerFile must not be negative, got %d", s.RowsPerFile)
	}
	switch s.Format {
	case FormatCSV, FormatParquet, FormatORC:
	default:
		bad("Format must be CSV, ORC or Parquet, got %q", s.Format)
	}
	errs = append(errs, s.Faults.validate(s.Format))
	return errors.Join(errs...)
}
