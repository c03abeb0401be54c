package orc_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/s3invmock/s3invmock/mock/report/orc"
)

func Example() {
	cols := []orc.Column{
		{Name: "bucket", Kind: orc.String},
		{Name: "key", Kind: orc.String},
		{Name: "size", Kind: orc.BigInt},
		{Name: "last_modified_date", Kind: orc.Timestamp},
	}
	schema, err := orc.TypeString(cols)
	if err != nil {
		panic(err)
	}
	fmt.Println(schema)

	var file bytes.Buffer
	w, err := orc.NewWriter(&file, cols)
	if err != nil {
		panic(err)
	}
	modified := time.Date(2024, 5, 6, 22, 37, 48, 0, time.UTC)
	rows := [][]orc.Value{
		{orc.Str("amzn-s3-demo-bucket"), orc.Str("a.txt"), orc.Int(5), orc.Time(modified)},
		{orc.Str("amzn-s3-demo-bucket"), orc.Str("deleted.txt"), orc.Null(), orc.Time(modified)},
	}
	for _, row := range rows {
		if err := w.Write(row); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	b := file.Bytes()
	fmt.Printf("%q ... %d bytes, PostScript of %d bytes\n", b[:3], len(b), b[len(b)-1])
	// Output:
	// struct<bucket:string,key:string,size:bigint,last_modified_date:timestamp>
	// "ORC" ... 675 bytes, PostScript of 24 bytes
}
