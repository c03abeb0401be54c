// Package orc writes Apache ORC files as S3 Inventory delivers them: one struct of
// string, boolean, bigint and timestamp columns, ZLIB compression in 262,144-byte
// chunks, file version 0.12, writer version 5 (the Java writer after ORC-101), a row
// index every 10,000 rows, and UTC as the writer time zone.
//
// The format follows the ORC v1 specification (orc.apache.org, "ORC Specification
// v1"); section names from it are cited beside the code that implements them. Its
// protobuf messages are written by a small encoder in this package; deflate is the
// standard library's, or klauspost/compress's with WithFastDeflate.
//
// A Writer streams rows: it keeps one stripe (WithStripeRows, 250,000 rows by default)
// in memory and writes it out when full; Close writes the file tail. The same rows
// always give the same bytes. The manifest's fileSchema is TypeString of the columns.
//
// Quick start:
//
//	cols := []orc.Column{{Name: "bucket", Kind: orc.String}, {Name: "size", Kind: orc.BigInt}}
//	w, err := orc.NewWriter(f, cols)
//	...
//	err = w.Write([]orc.Value{orc.Str("amzn-s3-demo-bucket"), orc.Null()})
//	...
//	err = w.Close()
package orc
