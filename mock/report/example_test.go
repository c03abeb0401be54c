package report_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

func Example() {
	objs := []object.Version{
		{Key: "a b+c.txt", IsLatest: true, Size: 3, ETag: "900150983cd24fb0d6963f7d28e17f72", StorageClass: "STANDARD"},
		{Key: "logs/x", IsLatest: true, IsDeleteMarker: true},
	}
	d, err := report.Deliver(report.Spec{
		SourceBucket: "src", ConfigurationID: "daily", Format: report.FormatCSV,
		IncludedObjectVersions: report.VersionsAll, OptionalFields: []string{"StorageClass", "Size"},
		DestinationBucketARN: "arn:aws:s3:::dest", DestinationPrefix: "inv",
		ScanAt: time.Date(2026, 11, 22, 1, 0, 30, 0, time.UTC),
	}, slices.Values(objs))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range d.Files {
		fmt.Println(f.Key)
	}
	zr, _ := gzip.NewReader(bytes.NewReader(d.Files[0].Body))
	rows, _ := io.ReadAll(zr)
	fmt.Print(string(rows))
	fmt.Print(string(d.Files[2].Body))
	// Output:
	// inv/src/daily/data/ea53917b-3603-4623-8011-2aff0904bf70.csv.gz
	// inv/src/daily/hive/dt=2026-11-22-01-00/symlink.txt
	// inv/src/daily/2026-11-22T01-00Z/manifest.json
	// inv/src/daily/2026-11-22T01-00Z/manifest.checksum
	// "src","a+b%2Bc.txt","","true","false","3","STANDARD"
	// "src","logs/x","","true","true","",""
	// {
	//   "sourceBucket": "src",
	//   "destinationBucket": "arn:aws:s3:::dest",
	//   "version": "2016-11-30",
	//   "creationTimestamp": "1795309200000",
	//   "fileFormat": "CSV",
	//   "fileSchema": "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, StorageClass",
	//   "files": [
	//     {
	//       "key": "inv/src/daily/data/ea53917b-3603-4623-8011-2aff0904bf70.csv.gz",
	//       "size": 116,
	//       "MD5checksum": "a32e05c740b498192ebb998fe59372b6"
	//     }
	//   ]
	// }
}
