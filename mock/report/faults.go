package report

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"

	"github.com/s3invmock/s3invmock/mock/object"
)

// Faults are deliberate defects of one delivery, each one a quirk that broke a report
// consumer in the wild (the scenarios package's delivery actions set them). The zero
// value is a faithful report: Deliver's bytes are then those of a Spec without Faults.
// The data file that the file faults damage is the first one (C).
type Faults struct {
	// Split writes the rows in exactly Split data files, overriding RowsPerFile: the
	// first rows%Split files hold one row more, and files beyond the row count are
	// empty (R: a large real report comes in hundreds of files). 0 leaves RowsPerFile.
	Split int
	// MultiMemberGzip writes each .csv.gz as one gzip member per row, concatenated: a
	// valid gzip stream (RFC 1952 section 2.2) that a single-member decoder reads
	// only the first row of. CSV only.
	MultiMemberGzip bool
	// TrailingNewline adds one more LF after the last row of each CSV file (U: a
	// consumer's parser comments that AWS seems to return extra newlines). CSV only.
	TrailingNewline bool
	// Unsorted writes the rows of each data file in a random order drawn from
	// UnsortedSeed (D: the report is not guaranteed to be sorted).
	Unsorted     bool
	UnsortedSeed uint64
	// MissingChecksum leaves manifest.checksum out; BadChecksum writes one that is not
	// the MD5 of manifest.json.
	MissingChecksum, BadChecksum bool
	// BadMD5 lists a wrong MD5checksum for the first data file in manifest.json (the
	// object itself is intact).
	BadMD5 bool
	// Truncated cuts the first data file to half its bytes, while manifest.json keeps
	// its full size and MD5checksum.
	Truncated bool
	// MissingFile lists the first data file in manifest.json and symlink.txt but
	// writes no object for it.
	MissingFile bool
}

// arranges reports whether the rows must be gathered before they are written.
func (f *Faults) arranges() bool { return f.Split > 0 || f.Unsorted }

// validate returns the problems of f for a report of format.
func (f *Faults) validate(format Format) error {
	var errs []error
	if f.Split < 0 {
		errs = append(errs, fmt.Errorf("report: Faults.Split must not be negative, got %d", f.Split))
	}
	if format != FormatCSV && (f.MultiMemberGzip || f.TrailingNewline) {
		errs = append(errs, fmt.Errorf("report: Faults.MultiMemberGzip and TrailingNewline apply to CSV only, not %s", format))
	}
	return errors.Join(errs...)
}

// arrange gathers the rows of spec from objects (checking their report order), cuts
// them into the files the faults ask for, shuffles each file's rows when Unsorted,
// and returns them in write order with the row count of every file.
func (f *Faults) arrange(spec *Spec, objects iter.Seq[object.Version]) (iter.Seq[object.Version], []int, error) {
	var rows []object.Version
	var (
		prev object.Version
		seen bool
	)
	for v := range objects {
		if seen && object.Compare(&prev, &v) >= 0 {
			return nil, nil, fmt.Errorf("report: objects out of report order: %q version %q after %q version %q",
				v.Key, v.VersionID, prev.Key, prev.VersionID)
		}
		prev, seen = v, true
		if included(spec, &v) {
			rows = append(rows, v)
		}
	}
	sizes := fileSizes(len(rows), f.Split, spec.rowsPerFile())
	if f.Unsorted {
		rng := rand.New(rand.NewPCG(f.UnsortedSeed, f.UnsortedSeed^0x9e3779b97f4a7c15))
		start := 0
		for _, n := range sizes {
			part := rows[start : start+n]
			rng.Shuffle(len(part), func(i, j int) { part[i], part[j] = part[j], part[i] })
			start += n
		}
	}
	return func(yield func(object.Version) bool) {
		for _, v := range rows {
			if !yield(v) {
				return
			}
		}
	}, sizes, nil
}

// fileSizes is the row count of each data file: split files as even as can be, or
// files of perFile rows and a last partial one; always at least one file.
func fileSizes(rows, split, perFile int) []int {
	var sizes []int
	if split > 0 {
		for i := range split {
			n := rows / split
			if i < rows%split {
				n++
			}
			sizes = append(sizes, n)
		}
		return sizes
	}
	for rows > perFile {
		sizes = append(sizes, perFile)
		rows -= perFile
	}
	return append(sizes, rows)
}
