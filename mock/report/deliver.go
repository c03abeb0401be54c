package report

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
)

// File is one object a delivery writes into the destination bucket.
type File struct {
	Key  string
	Body []byte
	// MD5 is the lowercase hex MD5 of Body: the object's ETag without quotes, and for
	// data files the manifest's MD5checksum (D, R).
	MD5 string
	// Size is len(Body).
	Size int64
	// ContentType is the object's Content-Type, always ContentType.
	ContentType string
}

// Delivery is the outcome of one inventory scan: the objects to write, in the order
// to write them (data files, symlink.txt, manifest.json, manifest.checksum last: C,
// guided by D "manifest.checksum … indicates that an inventory list has been
// added"), and what a delivery record needs.
type Delivery struct {
	Files []File
	// ManifestKey, ChecksumKey and SymlinkKey name the three small files.
	ManifestKey, ChecksumKey, SymlinkKey string
	// DataKeys name the data files in manifest order (the order of their first rows).
	DataKeys []string
	// Rows is the number of rows in all data files.
	Rows int64
	// ScanAt is the scan minute the keys and creationTimestamp name.
	ScanAt time.Time
}

// Deliver writes the report of spec over objects, which must come in report order
// (object.Compare: key, then version id, in byte order) with no two equal; an
// out-of-order object is an error, since the report's files must not overlap.
// Rows stream from objects into one data file at a time; only finished files are
// held.
func Deliver(spec Spec, objects iter.Seq[object.Version]) (Delivery, error) {
	if err := spec.validate(); err != nil {
		return Delivery{}, err
	}
	cols, err := ReportColumns(spec.IncludedObjectVersions, spec.OptionalFields)
	if err != nil {
		return Delivery{}, err
	}
	format, err := formatOf(spec.Format, &spec.Faults)
	if err != nil {
		return Delivery{}, err
	}
	// sizes, when the faults set them, are the row counts of the files; the rows then
	// come already checked, filtered and in their (perhaps shuffled) write order.
	var sizes []int
	if spec.Faults.arranges() {
		if objects, sizes, err = spec.Faults.arrange(&spec, objects); err != nil {
			return Delivery{}, err
		}
	}
	scan := spec.ScanAt.UTC().Truncate(time.Minute)
	lay := newLayout(&spec, scan)
	d := Delivery{ManifestKey: lay.manifest, ChecksumKey: lay.checksum, SymlinkKey: lay.symlink, ScanAt: scan}

	limit := spec.rowsPerFile()
	var (
		file      dataFile
		fileRows  int
		prev      object.Version
		seen      bool
		manifestF []manifestFile
		// row is the one Version the writers see: passing &v of the loop to an
		// interface method would move every v to the heap, a 400-byte allocation
		// per row.
		row object.Version
	)
	closeFile := func() error {
		body, err := file.finish()
		if err != nil {
			return fmt.Errorf("report: data file %d: %w", len(d.DataKeys)+1, err)
		}
		f := newFile(lay.dataKey(format.extension()), body)
		d.Files = append(d.Files, f)
		d.DataKeys = append(d.DataKeys, f.Key)
		manifestF = append(manifestF, manifestFile{Key: f.Key, Size: f.Size, MD5checksum: f.MD5})
		file, fileRows = nil, 0
		return nil
	}
	for v := range objects {
		if sizes != nil && file == nil {
			limit = sizes[len(d.DataKeys)]
		}
		if sizes == nil && seen && object.Compare(&prev, &v) >= 0 {
			return Delivery{}, fmt.Errorf("report: objects out of report order: %q version %q after %q version %q",
				v.Key, v.VersionID, prev.Key, prev.VersionID)
		}
		prev, seen = v, true
		if !included(&spec, &v) {
			continue
		}
		if file == nil {
			file = format.newFile(cols, spec.SourceBucket)
		}
		row = v
		if err := file.writeRow(&row); err != nil {
			return Delivery{}, fmt.Errorf("report: row %d: %w", d.Rows+1, err)
		}
		d.Rows++
		if fileRows++; fileRows == limit {
			if err := closeFile(); err != nil {
				return Delivery{}, err
			}
		}
	}
	if file != nil || len(d.DataKeys) == 0 {
		// The last, partial file; or the one empty file of a report with no rows (C).
		if file == nil {
			file = format.newFile(cols, spec.SourceBucket)
		}
		if err := closeFile(); err != nil {
			return Delivery{}, err
		}
	}
	for len(d.DataKeys) < len(sizes) { // the empty files of a split beyond the rows
		file = format.newFile(cols, spec.SourceBucket)
		if err := closeFile(); err != nil {
			return Delivery{}, err
		}
	}

	d.Files = append(d.Files, newFile(lay.symlink, symlinkBody(spec.destinationBucket(), d.DataKeys)))
	m := encodeManifest(manifest{
		SourceBucket: spec.SourceBucket, DestinationBucket: spec.DestinationBucketARN, Version: ManifestVersion,
		CreationTimestamp: millis(scan.UnixMilli()), FileFormat: string(spec.Format),
		FileSchema: format.schema(cols), Files: manifestF,
	})
	d.Files = append(d.Files, newFile(lay.manifest, m), newFile(lay.checksum, checksumBody(m)))
	spec.Faults.damage(&d)
	return d, nil
}

// included says whether v is a row of the report: its key matches the filter
// prefix (D), and for Current it is the latest version and not a delete marker (R).
func included(s *Spec, v *object.Version) bool {
	if !strings.HasPrefix(v.Key, s.FilterPrefix) {
		return false
	}
	return s.IncludedObjectVersions == VersionsAll || (v.IsLatest && !v.IsDeleteMarker)
}

func newFile(key string, body []byte) File {
	sum := md5.Sum(body)
	return File{Key: key, Body: body, MD5: hex.EncodeToString(sum[:]), Size: int64(len(body)), ContentType: ContentType}
}
