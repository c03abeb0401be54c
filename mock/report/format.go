package report

import "github.com/s3invmock/s3invmock/mock/object"

// dataFormat is what a file format contributes to a delivery: the data file's
// extension, the manifest's fileSchema, and a writer for one data file. Faults that change a data file's bytes (several
// gzip members, a trailing newline, shuffled rows) become settings of a format's
// writer, not new delivery code.
type dataFormat interface {
	extension() string
	schema(cols []Column) string
	newFile(cols []Column, bucket string) dataFile
}

// dataFile receives the rows of one data file, in order, then returns its bytes.
type dataFile interface {
	writeRow(v *object.Version) error
	finish() ([]byte, error)
}

// formatOf returns the writer of f with the data file faults of faults, or a
// NotImplementedError.
func formatOf(f Format, faults *Faults) (dataFormat, error) {
	switch f {
	case FormatCSV:
		return csvFormat{multiMember: faults.MultiMemberGzip, trailingNewline: faults.TrailingNewline}, nil
	case FormatParquet:
		return parquetFormat{}, nil
	case FormatORC:
		return orcFormat{}, nil
	}
	return nil, NotImplementedError{Format: f}
}
