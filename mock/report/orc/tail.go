package orc

// What the PostScript claims, as in S3's inventory files: ZLIB compression
// (CompressionKind 1), file version 0.12 (written [0, 12], "the lowest version of
// Hive that is guaranteed to be able to read the file"), and writer version 5, the
// Java writer with ORC-101 (bloom filters in UTF-8). The Footer has no writer field,
// which readers take as the Java writer (code 0), and no software version.
const (
	compressionZlib = 1
	writerVersion   = 5
)

// tail returns the file's Metadata, Footer, PostScript and the PostScript's length
// byte (ORC v1 specification, "File Tail"). The Metadata and Footer are compressed
// like the streams; the PostScript never is.
func (w *Writer) tail() []byte {
	var meta pb
	for _, s := range w.stripeStats {
		meta = meta.bytes(1, s) // Metadata.stripeStats 1
	}
	metaBytes := w.comp.compressAll(meta, w.cfg.blockSize)

	// Footer: headerLength 1, contentLength 2, stripes 3, types 4, numberOfRows 6,
	// statistics 7, rowIndexStride 8. contentLength is header and stripes, which is
	// where the Metadata starts.
	footer := pb(nil).uint(1, uint64(len(magic))).uint(2, w.offset)
	for _, s := range w.stripes {
		footer = footer.bytes(3, s)
	}
	footer = footer.bytes(4, w.rootType())
	for _, c := range w.cols {
		footer = footer.bytes(4, pb(nil).uint(1, c.Kind.typeKind())) // Type.kind 1
	}
	footer = footer.uint(6, w.rows)
	for _, c := range w.columns {
		footer = footer.bytes(7, c.file.marshal(nil))
	}
	footer = footer.uint(8, uint64(w.cfg.stride))
	footerBytes := w.comp.compressAll(footer, w.cfg.blockSize)

	// PostScript: footerLength 1, compression 2, compressionBlockSize 3, version 4
	// (packed), metadataLength 5, writerVersion 6, magic 8000.
	ps := pb(nil).uint(1, uint64(len(footerBytes))).uint(2, compressionZlib).
		uint(3, uint64(w.cfg.blockSize)).packed(4, []uint64{0, 12}).
		uint(5, uint64(len(metaBytes))).uint(6, writerVersion).str(8000, magic)

	out := make([]byte, 0, len(metaBytes)+len(footerBytes)+len(ps)+1)
	out = append(append(append(out, metaBytes...), footerBytes...), ps...)
	return append(out, byte(len(ps)))
}

// rootType is the Type of column 0: kind STRUCT, subtypes 2 (packed) the ids 1..n in
// the pre-order of the type tree, fieldNames 3.
func (w *Writer) rootType() pb {
	ids := make([]uint64, len(w.cols))
	for i := range ids {
		ids[i] = uint64(i + 1)
	}
	t := pb(nil).uint(1, structKind).packed(2, ids)
	for _, c := range w.cols {
		t = t.str(3, c.Name)
	}
	return t
}
