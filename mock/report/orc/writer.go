package orc

import (
	"errors"
	"fmt"
	"io"
)

// magic opens every ORC file (the Footer's headerLength is its length) and ends the
// PostScript.
const magic = "ORC"

// ErrClosed is returned by Write and Close after Close.
var ErrClosed = errors.New("orc: writer closed")

// Writer streams rows into an ORC file: it holds one stripe in memory, writes it when
// full, and writes the file tail on Close. A Writer is not safe for concurrent use.
type Writer struct {
	w       io.Writer
	cfg     config
	cols    []Column
	columns []*column // 0 is the root struct, then one per Column
	comp    *compressor

	offset      uint64 // bytes written so far
	rows        uint64 // rows in finished stripes
	stripeRows  int    // rows in the current stripe
	groupRows   int    // rows in the current row group
	stripes     []pb   // StripeInformation messages
	stripeStats []pb   // StripeStatistics messages
	err         error  // the first write error; every later call returns it
	closed      bool
}

// NewWriter returns a Writer of rows with the given columns to w. It fails on an
// empty column list, an unknown kind, a name other than ASCII letters, digits and
// underscores, a duplicate name, or an option out of range. Nothing is written to w
// until the first stripe is full or Close.
func NewWriter(w io.Writer, cols []Column, opts ...Option) (*Writer, error) {
	if err := validateColumns(cols); err != nil {
		return nil, err
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	wr := &Writer{w: w, cfg: cfg, cols: append([]Column(nil), cols...), comp: newCompressor(cfg.fastDeflate)}
	wr.columns = append(wr.columns, newColumn(0, wr.comp, cfg.blockSize))
	for _, c := range cols {
		wr.columns = append(wr.columns, newColumn(c.Kind, wr.comp, cfg.blockSize))
	}
	return wr, nil
}

// Write adds one row: one Value per column, each null or of the column's kind. A row
// that is refused (wrong width, wrong kind, a string that is not UTF-8, a time out of
// range) leaves the file as it was, and the Writer can go on.
func (w *Writer) Write(row []Value) error {
	switch {
	case w.closed:
		return ErrClosed
	case w.err != nil:
		return w.err
	case len(row) != len(w.cols):
		return fmt.Errorf("orc: row has %d values, want %d", len(row), len(w.cols))
	}
	for i, v := range row {
		if err := w.columns[i+1].check(v); err != nil {
			return fmt.Errorf("orc: column %d (%s): %w", i, w.cols[i].Name, err)
		}
	}
	if w.groupRows == 0 {
		w.startGroup()
	}
	w.columns[0].add(Value{})
	for i, v := range row {
		w.columns[i+1].add(v)
	}
	w.groupRows++
	w.stripeRows++
	if w.groupRows == w.cfg.stride {
		w.endGroup()
	}
	if w.stripeRows == w.cfg.stripeRows {
		return w.flushStripe()
	}
	return nil
}

// Close writes the last stripe and the file tail. It does not close the underlying
// io.Writer. A file with no rows has no stripe, as the Java writer makes it.
func (w *Writer) Close() error {
	if w.closed {
		return ErrClosed
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if w.stripeRows > 0 {
		if err := w.flushStripe(); err != nil {
			return err
		}
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	return w.write(w.tail())
}

// startGroup begins a row group; with no row index the whole stripe is one group.
func (w *Writer) startGroup() {
	for _, c := range w.columns {
		c.startGroup()
	}
}

func (w *Writer) endGroup() {
	for _, c := range w.columns {
		c.endGroup()
	}
	w.groupRows = 0
}

func (w *Writer) write(p []byte) error {
	if w.err != nil {
		return w.err
	}
	_, err := w.w.Write(p)
	if err != nil {
		w.err = fmt.Errorf("orc: %w", err)
		return w.err
	}
	w.offset += uint64(len(p))
	return nil
}

func (w *Writer) writeHeader() error {
	if w.offset > 0 {
		return nil
	}
	return w.write([]byte(magic))
}
