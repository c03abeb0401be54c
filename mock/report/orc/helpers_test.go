package orc_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"time"

	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

// inventoryColumns are the columns of an inventory of all versions with size, date
// and ETag, in the order S3 writes them.
var inventoryColumns = []orc.Column{
	{Name: "bucket", Kind: orc.String},
	{Name: "key", Kind: orc.String},
	{Name: "version_id", Kind: orc.String},
	{Name: "is_latest", Kind: orc.Boolean},
	{Name: "is_delete_marker", Kind: orc.Boolean},
	{Name: "size", Kind: orc.BigInt},
	{Name: "last_modified_date", Kind: orc.Timestamp},
	{Name: "e_tag", Kind: orc.String},
	{Name: "storage_class", Kind: orc.String},
}

// inventoryRow is row i of a deterministic listing: sorted keys, some delete markers
// (null size and ETag), some null versions, times a second apart in 2024.
func inventoryRow(r *rand.Rand, i int) []orc.Value {
	marker := i%17 == 5
	version := orc.Str(fmt.Sprintf("v%032x", r.Uint64()))
	if i%11 == 0 {
		version = orc.Null()
	}
	size, etag := orc.Int(r.Int64N(5<<30)), orc.Str(fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()))
	if marker {
		size, etag = orc.Null(), orc.Null()
	}
	return []orc.Value{
		orc.Str("amzn-s3-demo-source-bucket"),
		orc.Str(fmt.Sprintf("data/2024/part-%08d.parquet", i/2)),
		version,
		orc.Bool(i%2 == 1),
		orc.Bool(marker),
		size,
		orc.Time(time.Date(2024, 5, 6, 22, 37, 48, 0, time.UTC).Add(time.Duration(i) * time.Second)),
		etag,
		orc.Str("STANDARD"),
	}
}

func inventoryRows(n int) [][]orc.Value {
	r := rand.New(rand.NewPCG(7, 8))
	rows := make([][]orc.Value, n)
	for i := range rows {
		rows[i] = inventoryRow(r, i)
	}
	return rows
}

// writeFile writes rows and returns the file's bytes.
func writeFile(cols []orc.Column, rows [][]orc.Value, opts ...orc.Option) []byte {
	var buf bytes.Buffer
	w, err := orc.NewWriter(&buf, cols, opts...)
	Expect(err).NotTo(HaveOccurred())
	for _, row := range rows {
		Expect(w.Write(row)).To(Succeed())
	}
	Expect(w.Close()).To(Succeed())
	return buf.Bytes()
}

// roundTrip writes rows, reads them back with the test reader and checks they are
// the same values.
func roundTrip(cols []orc.Column, rows [][]orc.Value, opts ...orc.Option) *orcFile {
	b := writeFile(cols, rows, opts...)
	f, err := readORC(b)
	Expect(err).NotTo(HaveOccurred())
	Expect(f.rows).To(HaveLen(len(rows)))
	for i := range rows {
		Expect(render(f.rows[i])).To(Equal(render(rows[i])), "row %d", i)
	}
	return f
}

// render prints a row so that times compare as instants and failures read well.
func render(row []orc.Value) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = v.String()
	}
	return out
}
