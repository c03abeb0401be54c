package report

import (
	"fmt"

	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// orcFormat writes ORC data files with package orc: one struct of the configured
// columns as string, boolean, bigint and timestamp (R), ZLIB in 262,144-byte chunks,
// a row index every 10,000 rows, UTC as the writer's zone (R), and an empty value as
// an ORC null (R). Keys are plain, as in Parquet (I: no real ORC row holds a key that
// would need encoding).
type orcFormat struct{}

func (orcFormat) extension() string           { return ".orc" }
func (orcFormat) schema(cols []Column) string { return ORCSchema(cols) }

func (orcFormat) newFile(cols []Column, bucket string) dataFile {
	f := &orcFile{cols: cols, bucket: bucket, row: make([]orc.Value, len(cols))}
	// The report's columns are always valid ORC columns (snake_case names, known
	// kinds, no duplicates); an error would still surface at the first row.
	f.w, f.err = orc.NewWriter(&f.out, orcColumns(cols), orc.WithFastDeflate())
	return f
}

type orcFile struct {
	cols   []Column
	bucket string
	out    fileBuffer
	w      *orc.Writer
	err    error
	row    []orc.Value // reused for every row: the writer copies what it keeps
}

func (f *orcFile) writeRow(v *object.Version) error {
	if f.err != nil {
		return f.err
	}
	for i, c := range f.cols {
		x := value(c.id, f.bucket, v)
		switch {
		case x.null:
			f.row[i] = orc.Null()
		case c.Kind == KindBoolean:
			f.row[i] = orc.Bool(x.b)
		case c.Kind == KindInt64:
			f.row[i] = orc.Int(x.i)
		case c.Kind == KindTimestamp:
			f.row[i] = orc.Time(timeOf(x.i))
		default:
			f.row[i] = orc.Str(x.s)
		}
	}
	if err := f.w.Write(f.row); err != nil {
		return fmt.Errorf("report: orc row: %w", err)
	}
	return nil
}

func (f *orcFile) finish() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	if err := f.w.Close(); err != nil {
		return nil, fmt.Errorf("report: orc close: %w", err)
	}
	return f.out.Bytes(), nil
}

// orcColumns are cols as package orc names and types them: the snake_case name, and
// bigint for Size (R: the fileSchema of a real ORC report).
func orcColumns(cols []Column) []orc.Column {
	out := make([]orc.Column, len(cols))
	for i, c := range cols {
		k := orc.String
		switch c.Kind {
		case KindBoolean:
			k = orc.Boolean
		case KindInt64:
			k = orc.BigInt
		case KindTimestamp:
			k = orc.Timestamp
		}
		out[i] = orc.Column{Name: c.SnakeName, Kind: k}
	}
	return out
}
