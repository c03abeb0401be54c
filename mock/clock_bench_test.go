package mock_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/object"
)

// BenchmarkAdvanceYear advances a year of daily reports of 10 configurations of a
// small bucket (20 objects): 3,650 deliveries in one Advance. The issue asks for
// under 1 s.
func BenchmarkAdvanceYear(b *testing.B) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		b.StopTimer()
		srv := mock.New(mock.WithSimulatedClock(start), mock.WithMaxDeliveryRecords(1<<20))
		for _, name := range []string{"src", "reports"} {
			if err := srv.AddBucket(name); err != nil {
				b.Fatal(err)
			}
		}
		if err := srv.GenerateObjects("src", object.GenerateSpec{Count: 20, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		for i := range 10 {
			doc := fmt.Sprintf(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination>`+
				`<Bucket>arn:aws:s3:::reports</Bucket><Format>CSV</Format></S3BucketDestination></Destination><IsEnabled>true</IsEnabled>`+
				`<Id>c%d</Id><IncludedObjectVersions>Current</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`, i)
			if err := srv.PutConfigurationXML("src", []byte(doc)); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		ds, err := srv.Clock().Advance(365 * 24 * time.Hour)
		if err != nil || len(ds) != 3650 {
			b.Fatalf("got %d deliveries, %v", len(ds), err)
		}
	}
}
