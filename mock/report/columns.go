package report

import (
	"fmt"
	"strings"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// Kind is the value kind of a report column, which picks its Parquet and ORC type.
type Kind string

// The value kinds (R for the first 18 columns, from the schemas of real Parquet and
// ORC reports; I for the rest).
const (
	KindString    Kind = "string"
	KindBoolean   Kind = "boolean"
	KindInt64     Kind = "int64"
	KindTimestamp Kind = "timestamp"
)

// Column is one report column: its CSV name (the OptionalFields spelling), its
// snake_case name (the Parquet and ORC column), and its kind.
type Column struct {
	Name      string
	SnakeName string
	Kind      Kind
	id        columnID
}

// columnID is a column's position in the canonical order.
type columnID uint8

const (
	colBucket columnID = iota
	colKey
	colVersionID
	colIsLatest
	colIsDeleteMarker
	colSize
	colLastModifiedDate
	colETag
	colStorageClass
	colIsMultipartUploaded
	colReplicationStatus
	colEncryptionStatus
	colObjectLockRetainUntilDate
	colObjectLockMode
	colObjectLockLegalHoldStatus
	colIntelligentTieringAccessTier
	colBucketKeyStatus
	colChecksumAlgorithm
	colObjectAccessControlList
	colObjectOwner
	colLifecycleExpirationDate
	colObjectLockEventHoldStatus
	colObjectLockEventHoldDuration
	colIntelligentTieringReferenceDate
	columnCount
)

// firstOptional is the first column OptionalFields can name.
const firstOptional = colSize

// Columns returns every report column in the canonical order, the one table all
// formats use: Bucket, Key, then VersionId, IsLatest, IsDeleteMarker (only in
// IncludedObjectVersions=All reports), then the optional fields. The order of the
// optional fields up to ObjectOwner is the manifest examples' and the Athena DDL's
// (D), which every real subset follows (R); LifecycleExpirationDate comes last in
// the DDL (I); the three fields after it have no sample and follow the API's enum
// order (C).
func Columns() []Column {
	t := [columnCount]Column{
		{"Bucket", "bucket", KindString, 0},
		{"Key", "key", KindString, 0},
		{"VersionId", "version_id", KindString, 0},
		{"IsLatest", "is_latest", KindBoolean, 0},
		{"IsDeleteMarker", "is_delete_marker", KindBoolean, 0},
		{"Size", "size", KindInt64, 0},
		{"LastModifiedDate", "last_modified_date", KindTimestamp, 0},
		{"ETag", "e_tag", KindString, 0},
		{"StorageClass", "storage_class", KindString, 0},
		{"IsMultipartUploaded", "is_multipart_uploaded", KindBoolean, 0},
		{"ReplicationStatus", "replication_status", KindString, 0},
		{"EncryptionStatus", "encryption_status", KindString, 0},
		{"ObjectLockRetainUntilDate", "object_lock_retain_until_date", KindTimestamp, 0},
		{"ObjectLockMode", "object_lock_mode", KindString, 0},
		{"ObjectLockLegalHoldStatus", "object_lock_legal_hold_status", KindString, 0},
		{"IntelligentTieringAccessTier", "intelligent_tiering_access_tier", KindString, 0},
		{"BucketKeyStatus", "bucket_key_status", KindString, 0},
		{"ChecksumAlgorithm", "checksum_algorithm", KindString, 0},
		{"ObjectAccessControlList", "object_access_control_list", KindString, 0},
		{"ObjectOwner", "object_owner", KindString, 0},
		{"LifecycleExpirationDate", "lifecycle_expiration_date", KindTimestamp, 0},
		{"ObjectLockEventHoldStatus", "object_lock_event_hold_status", KindString, 0},
		{"ObjectLockEventHoldDuration", "object_lock_event_hold_duration", KindString, 0},
		{"IntelligentTieringReferenceDate", "intelligent_tiering_reference_date", KindTimestamp, 0},
	}
	out := t[:]
	for i := range out {
		out[i].id = columnID(i)
	}
	return out
}

// ReportColumns returns the columns of a report, in canonical order: Bucket, Key,
// the three version columns when versions is All, then the optional fields named
// (in any order, duplicates allowed). An unknown field name is an error.
func ReportColumns(versions IncludedObjectVersions, optionalFields []string) ([]Column, error) {
	all := Columns()
	chosen := make([]bool, columnCount)
	chosen[colBucket], chosen[colKey] = true, true
	if versions == VersionsAll {
		chosen[colVersionID], chosen[colIsLatest], chosen[colIsDeleteMarker] = true, true, true
	}
	var unknown []string
	for _, name := range optionalFields {
		found := false
		for _, c := range all[firstOptional:] {
			if c.Name == name {
				chosen[c.id], found = true, true
			}
		}
		if !found {
			unknown = append(unknown, fmt.Sprintf("%q", name))
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("report: unknown optional field %s (want one of %s)", strings.Join(unknown, ", "), optionalNames(all))
	}
	var cols []Column
	for _, c := range all {
		if chosen[c.id] {
			cols = append(cols, c)
		}
	}
	return cols, nil
}

func optionalNames(all []Column) string {
	var names []string
	for _, c := range all[firstOptional:] {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// CSVSchema is the manifest fileSchema of a CSV report: the column names joined by
// ", " (D, R).
func CSVSchema(cols []Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// ORCSchema is the manifest fileSchema of an ORC report:
// struct<bucket:string,key:string,...,size:bigint,last_modified_date:timestamp>,
// with no spaces (D, R): the ORC type string of the data file itself.
func ORCSchema(cols []Column) string {
	// The report's columns are always valid ORC columns, so TypeString cannot fail.
	s, _ := orc.TypeString(orcColumns(cols))
	return s
}

// ParquetSchema is the manifest fileSchema of a Parquet report: the schema text
// parquet-mr 1.12 prints, with its newlines removed so that each column is preceded
// by two spaces (R, a 2024 report; the 2023 user guide shows an older "(UTF8)"
// spelling). Bucket and Key are required, every other column optional.
func ParquetSchema(cols []Column) string {
	var b strings.Builder
	b.WriteString("message s3.inventory {")
	for _, c := range cols {
		b.WriteString("  ")
		if c.id == colBucket || c.id == colKey {
			b.WriteString("required ")
		} else {
			b.WriteString("optional ")
		}
		switch c.Kind {
		case KindBoolean:
			b.WriteString("boolean " + c.SnakeName)
		case KindInt64:
			b.WriteString("int64 " + c.SnakeName)
		case KindTimestamp:
			b.WriteString("int64 " + c.SnakeName + " (TIMESTAMP(MILLIS,true))")
		default:
			b.WriteString("binary " + c.SnakeName + " (STRING)")
		}
		b.WriteString(";")
	}
	b.WriteString("}")
	return b.String()
}
