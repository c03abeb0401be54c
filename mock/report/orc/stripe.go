package orc

// writerTimezone is the StripeFooter's writerTimezone: timestamps are UTC wall time,
// so a reader that applies the writer's zone reads back what was written.
const writerTimezone = "UTC"

// flushStripe writes the current stripe: the index streams (one ROW_INDEX per column,
// the root included, as the Java writer does), the data streams column by column, and
// the stripe footer (ORC v1 specification, "Stripes"). It then records the stripe's
// StripeInformation and StripeStatistics for the tail.
func (w *Writer) flushStripe() error {
	if w.groupRows > 0 {
		w.endGroup()
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	start := w.offset
	var index, data []stripeStream
	for id, c := range w.columns {
		if w.cfg.stride > 0 {
			raw := c.rowIndex()
			index = append(index, stripeStream{streamRowIndex, uint64(id), w.comp.compressAll(raw, w.cfg.blockSize)})
		}
		data = append(data, c.finishStripe(uint64(id))...)
	}

	// StripeFooter: streams 1 (Stream: kind 1, column 2, length 3), columns 2
	// (ColumnEncoding: kind 1), writerTimezone 3.
	var footer pb
	var indexLen, dataLen uint64
	for _, s := range index {
		footer = footer.bytes(1, pb(nil).uint(1, s.kind).uint(2, s.column).uint(3, uint64(len(s.bytes))))
		indexLen += uint64(len(s.bytes))
	}
	for _, s := range data {
		footer = footer.bytes(1, pb(nil).uint(1, s.kind).uint(2, s.column).uint(3, uint64(len(s.bytes))))
		dataLen += uint64(len(s.bytes))
	}
	for _, c := range w.columns {
		footer = footer.bytes(2, pb(nil).uint(1, c.encoding()))
	}
	footer = footer.str(3, writerTimezone)
	footerBytes := w.comp.compressAll(footer, w.cfg.blockSize)

	for _, s := range append(index, data...) {
		if err := w.write(s.bytes); err != nil {
			return err
		}
	}
	if err := w.write(footerBytes); err != nil {
		return err
	}

	// StripeInformation: offset 1, indexLength 2, dataLength 3, footerLength 4,
	// numberOfRows 5.
	info := pb(nil).uint(1, start).uint(2, indexLen).uint(3, dataLen).
		uint(4, uint64(len(footerBytes))).uint(5, uint64(w.stripeRows))
	w.stripes = append(w.stripes, info)

	// StripeStatistics: colStats 1, one ColumnStatistics per column.
	var st pb
	for _, c := range w.columns {
		st = st.bytes(1, c.stripe.marshal(nil))
		c.resetStripe()
	}
	w.stripeStats = append(w.stripeStats, st)
	w.rows += uint64(w.stripeRows)
	w.stripeRows = 0
	return nil
}
