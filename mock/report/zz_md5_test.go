package report_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

func TestZZMD5(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	for _, f := range []report.Format{report.FormatCSV, report.FormatParquet, report.Format(os.Getenv("ZZ"))} {
		seq, _ := object.Generate(object.GenerateSpec{Count: 300_000, Prefix: "logs/", Seed: 7, Versions: 2},
			object.Defaults{Owner: owner, LastModified: scanAt})
		s := goldenSpec(f)
		s.RowsPerFile = 200_000
		d, err := report.Deliver(s, seq)
		if err != nil {
			fmt.Println(f, err)
			continue
		}
		for _, x := range d.Files {
			fmt.Println(f, x.Key, x.Size, x.MD5)
		}
	}
}
