package report

import (
	"fmt"

	"github.com/parquet-go/parquet-go"

	"github.com/s3invmock/s3invmock/mock/object"
)

// Parquet data file constants. The footer says format version 2: parquet-go
// hard-codes it, where AWS writes 1 (R); readers accept both.
const (
	// ParquetCreatedBy is the footer's created_by, copied from a real report (R;
	// copying it is C). parquet-go's CreatedBy option would format it without the
	// space before "(build", so the string is set whole.
	ParquetCreatedBy = "parquet-mr version 1.12.2 (build 77e30c8093386ec52c3cfa6c34b7ef3321322c94)"
	// ParquetRowsPerRowGroup bounds a row group. C: real files hold one row group
	// when small (R) and parquet-mr cuts by bytes; a row bound keeps the writer's
	// buffers, and so a delivery's memory, bounded.
	ParquetRowsPerRowGroup = 131_072
	// parquetBatchRows is how many rows go to the parquet writer at once.
	parquetBatchRows = 1024
)

// parquetFormat writes Parquet data files: format version 1 data pages, SNAPPY,
// column statistics with null counts, no key-value metadata (R). Encodings are
// parquet-go's (PLAIN and RLE levels), not parquet-mr's dictionary choices (C).
type parquetFormat struct{}

func (parquetFormat) extension() string           { return ".parquet" }
func (parquetFormat) schema(cols []Column) string { return ParquetSchema(cols) }

func (parquetFormat) newFile(cols []Column, bucket string) dataFile {
	f := &parquetFile{cols: cols, bucket: bucket}
	schema := parquet.NewSchema(ParquetSchemaName, newOrderedGroup(cols))
	f.w = parquet.NewGenericWriter[any](&f.out, schema, &parquet.WriterConfig{CreatedBy: ParquetCreatedBy},
		parquet.DataPageVersion(1), parquet.MaxRowsPerRowGroup(ParquetRowsPerRowGroup))
	f.values = make([][]parquet.Value, len(cols))
	f.nulls = make([]parquet.Value, len(cols))
	for i := range f.values {
		f.values[i] = make([]parquet.Value, 0, parquetBatchRows)
		f.nulls[i] = parquet.NullValue().Level(0, 0, i)
	}
	return f
}

type parquetFile struct {
	cols   []Column
	bucket string
	out    fileBuffer
	w      *parquet.GenericWriter[any]
	// values holds the current batch column by column, each value already levelled,
	// so that the batch goes to each column writer in one call, with no rows to
	// build and take apart again.
	values    [][]parquet.Value
	nulls     []parquet.Value // the levelled null of each column
	batchRows int
	groupRows int
	arena     []byte // string bytes of the current batch
}

func (f *parquetFile) writeRow(v *object.Version) error {
	for i, c := range f.cols {
		x := value(c.id, f.bucket, v)
		required := c.id == colBucket || c.id == colKey
		if x.null && !required {
			f.values[i] = append(f.values[i], f.nulls[i])
			continue
		}
		var pv parquet.Value
		switch c.Kind {
		case KindBoolean:
			pv = parquet.BooleanValue(x.b)
		case KindInt64, KindTimestamp:
			pv = parquet.Int64Value(x.i)
		default:
			start := len(f.arena)
			f.arena = append(f.arena, x.s...)
			pv = parquet.ByteArrayValue(f.arena[start:len(f.arena):len(f.arena)])
		}
		def := 1
		if required {
			def = 0
		}
		f.values[i] = append(f.values[i], pv.Level(0, def, i))
	}
	if f.batchRows++; f.batchRows == parquetBatchRows {
		return f.flushRows()
	}
	return nil
}

// flushRows hands the batch to the column writers, which copy the values, so that
// the value slices and the arena can be reused; it ends the row group when it holds
// ParquetRowsPerRowGroup rows (the writer counts rows by its columns).
func (f *parquetFile) flushRows() error {
	if f.batchRows == 0 {
		return nil
	}
	for i, cw := range f.w.ColumnWriters() {
		if _, err := cw.WriteRowValues(f.values[i]); err != nil {
			return fmt.Errorf("report: parquet column %s: %w", f.cols[i].SnakeName, err)
		}
		f.values[i] = f.values[i][:0]
	}
	f.arena = f.arena[:0]
	f.groupRows += f.batchRows
	f.batchRows = 0
	if f.groupRows >= ParquetRowsPerRowGroup {
		f.groupRows = 0
		if err := f.w.Flush(); err != nil {
			return fmt.Errorf("report: parquet row group: %w", err)
		}
	}
	return nil
}

func (f *parquetFile) finish() ([]byte, error) {
	if err := f.flushRows(); err != nil {
		return nil, err
	}
	if err := f.w.Close(); err != nil {
		return nil, fmt.Errorf("report: parquet close: %w", err)
	}
	return f.out.Bytes(), nil
}
