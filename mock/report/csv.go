package report

import (
	"strconv"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/s3invmock/s3invmock/mock/object"
)

// CSV data file constants.
const (
	// CSVGzipLevel is the deflate level of .csv.gz files. C: real files' level is
	// unknown; a fixed level (with the pinned klauspost/compress version, whose
	// deflate is about three times faster than the standard library's) keeps reruns
	// byte-identical, and BestSpeed keeps a million-row delivery within seconds.
	CSVGzipLevel = gzip.BestSpeed
	// GzipOSUnix is the gzip header's OS byte (3, Unix) in real report files (R);
	// gzip writers write 255 (unknown) unless told.
	GzipOSUnix = 3
	// csvBatchBytes is how many bytes of rows a CSV file buffers before it compresses
	// them.
	csvBatchBytes = 64 << 10
)

// csvFormat writes gzip-compressed CSV: one gzip member with mtime 0 and OS 3 (R),
// no header row (R), every field in double quotes, empty ones too (R), LF after
// every row, the last included (R). Keys are URL-encoded (EncodeKey); no other
// value can hold a quote or a comma, so nothing else is escaped (I).
//
// Two faults change that: multiMember closes the gzip member after every row and
// starts the next (Faults.MultiMemberGzip), trailingNewline writes one more LF at
// the end (Faults.TrailingNewline).
type csvFormat struct{ multiMember, trailingNewline bool }

func (csvFormat) extension() string           { return ".csv.gz" }
func (csvFormat) schema(cols []Column) string { return CSVSchema(cols) }

func (c csvFormat) newFile(cols []Column, bucket string) dataFile {
	f := &csvFile{csvFormat: c, cols: cols, bucket: bucket, line: make([]byte, 0, 4<<10)} // grows to csvBatchBytes in a large file
	f.gz = gzipWriters.Get().(*gzip.Writer)
	f.gz.Reset(&f.out) // the level stays; the header fields go, and header sets them
	f.header()
	return f
}

// gzipWriters keeps compressors between data files: a new one allocates about 840 KB,
// which dominated a schedule of thousands of small deliveries (a year of daily reports
// of ten configurations). A reset writer writes the same bytes as a new one. The
// level is a valid constant, so NewWriterLevel cannot fail.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, CSVGzipLevel)
	return w
}}

type csvFile struct {
	csvFormat
	cols   []Column
	bucket string
	out    fileBuffer
	gz     *gzip.Writer
	line   []byte
	rows   int // rows written, counted only for multiMember
}

// header sets the member's header fields, which Reset clears.
func (f *csvFile) header() {
	f.gz.OS = GzipOSUnix
	f.gz.ModTime = time.Unix(0, 0) // klauspost's writer stamps the time otherwise
}

// nextMember ends the gzip member that holds the rows so far and starts another.
func (f *csvFile) nextMember() error {
	if err := f.flushLines(); err != nil {
		return err
	}
	if err := f.gz.Close(); err != nil {
		return err
	}
	f.gz.Reset(&f.out)
	f.header()
	return nil
}

func (f *csvFile) writeRow(v *object.Version) error {
	b := f.line
	for i, c := range f.cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = appendCSVValue(b, c, f.bucket, v)
		b = append(b, '"')
	}
	b = append(b, '\n')
	f.line = b
	if f.multiMember {
		f.rows++
		return f.nextMember() // this row is its member's only one
	}
	if len(b) < csvBatchBytes {
		return nil
	}
	return f.flushLines()
}

// flushLines hands the buffered rows to the compressor: one call per csvBatchBytes
// rather than per row. The compressed bytes do not depend on how the input is cut.
func (f *csvFile) flushLines() error {
	_, err := f.gz.Write(f.line)
	f.line = f.line[:0]
	return err
}

func (f *csvFile) finish() ([]byte, error) {
	if f.trailingNewline {
		f.line = append(f.line, '\n')
	}
	if f.multiMember && len(f.line) == 0 && f.rows > 0 {
		// The last row's member is closed already: drop the empty one nextMember
		// started, so that the file is exactly one member per row.
		gzipWriters.Put(f.gz)
		f.gz = nil
		return f.out.Bytes(), nil
	}
	if err := f.flushLines(); err != nil {
		return nil, err
	}
	if err := f.gz.Close(); err != nil {
		return nil, err
	}
	gzipWriters.Put(f.gz)
	f.gz = nil
	return f.out.Bytes(), nil
}

// appendCSVValue appends the CSV text of column c (section "Values" of the package
// doc): booleans true/false, sizes in decimal, dates in DateLayout, nulls empty.
func appendCSVValue(b []byte, c Column, bucket string, v *object.Version) []byte {
	if c.id == colKey {
		return AppendEncodedKey(b, v.Key)
	}
	x := value(c.id, bucket, v)
	if x.null {
		return b
	}
	switch c.Kind {
	case KindBoolean:
		return strconv.AppendBool(b, x.b)
	case KindInt64:
		return strconv.AppendInt(b, x.i, 10)
	case KindTimestamp:
		return appendDate(b, x.i)
	}
	return append(b, x.s...)
}
