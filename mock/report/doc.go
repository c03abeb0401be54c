// Package report writes Amazon S3 inventory reports: given a Spec (what one
// inventory configuration asks for, and the scan instant) and the source bucket's
// object versions in report order, Deliver returns every object of the delivery,
// byte for byte, without touching any bucket: the data files (gzip CSV, ORC or
// Parquet), hive/dt=…/symlink.txt, manifest.json and manifest.checksum, in the order
// to write them. The same Spec and objects always give the same bytes.
//
// Columns is the one column table of all formats (CSV name, snake_case name, value
// kind); CSVSchema, ParquetSchema and ORCSchema spell the manifest's fileSchema.
// EncodeKey is the URL encoding of keys in CSV reports and encoding-type=url
// listings.
//
// The delivery faults consumers need to meet (split files, several gzip members, a
// trailing newline, unsorted rows, a missing or wrong checksum or MD5, a truncated
// or missing file, a late landing) fit this shape without new machinery: the number
// of data files is the file-split rule inside Deliver, the bytes of a data file are
// settings of its format's writer, and the rest act on the Delivery's File list
// (drop, truncate, rewrite a manifest entry) or on when the caller writes it.
//
// The package imports mock/object, mock/report/orc (its own ORC writer), parquet-go
// and klauspost/compress only.
package report
