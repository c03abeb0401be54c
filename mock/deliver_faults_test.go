package mock_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/report"
)

// listKeys lists the destination "reports" through the SDK.
func listKeys(client *s3.Client) []string {
	GinkgoHelper()
	out, err := client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("reports")})
	Expect(err).NotTo(HaveOccurred())
	keys := []string{}
	for _, o := range out.Contents {
		keys = append(keys, *o.Key)
	}
	return keys
}

// gunzipAll reads every member of a gzip stream.
func gunzipAll(b []byte) string {
	GinkgoHelper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	Expect(err).NotTo(HaveOccurred())
	out, err := io.ReadAll(zr)
	Expect(err).NotTo(HaveOccurred())
	return string(out)
}

var _ = Describe("Deliver with a DeliveryHook", func() {
	planned := func(f func(p *mock.DeliveryPlan)) mock.Option { return mock.WithDeliveryHook(mock.DeliveryHookFunc(f)) }

	It("shows the hook the delivery and journals the faults it names", func() {
		var seen mock.DeliveryPlan
		fake, client := startDeliveries(planned(func(p *mock.DeliveryPlan) {
			seen = *p
			p.Report, p.Faults = report.Faults{Split: 2}, []string{"split:2"}
		}))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		d, err := fake.Deliver("src", "daily")
		Expect(err).NotTo(HaveOccurred())
		Expect(seen).To(Equal(mock.DeliveryPlan{Bucket: "src", ID: "daily", Format: "CSV", ScanAt: d.ScanAt}))
		Expect(d.Faults).To(Equal([]string{"split:2"}))
		Expect(d.Files).To(Equal(2))
		Expect(d.Keys).To(HaveLen(5))
		Expect(listKeys(client)).To(ConsistOf(d.Keys))
	})

	It("records a skipped delivery as skipped, writes nothing and returns no error", func() {
		fake, client := startDeliveries(planned(func(p *mock.DeliveryPlan) { p.Skip, p.Faults = true, []string{"skip"} }))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		d, err := fake.Deliver("src", "daily")
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Outcome).To(Equal(mock.DeliverySkipped))
		Expect(d.Reason).To(Equal("skipped by a delivery fault: the report never comes"))
		Expect(d.Faults).To(Equal([]string{"skip"}))
		Expect(d.Keys).To(BeEmpty())
		Expect(listKeys(client)).To(BeEmpty())
		Expect(fake.Deliveries()).To(Equal([]mock.Delivery{d}))
	})

	It("writes a duplicate under the next minute's timestamp, with the same rows", func() {
		fake, client := startDeliveries(planned(func(p *mock.DeliveryPlan) { p.Duplicate = true }))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		d, err := fake.Deliver("src", "daily")
		Expect(err).NotTo(HaveOccurred())
		Expect(d.Keys).To(HaveLen(8))
		Expect(d.Keys).To(ContainElements("inv/src/daily/2026-11-25T01-00Z/manifest.json", "inv/src/daily/2026-11-25T01-01Z/manifest.json"))
		first := objectBody(fake, "reports", d.Keys[0]).Body
		second := objectBody(fake, "reports", d.Keys[4]).Body
		Expect(gunzipAll(second)).To(Equal(gunzipAll(first)))
		Expect(listKeys(client)).To(HaveLen(8))
	})

	It("leaves a file the manifest lists absent under MissingFile: GetObject answers NoSuchKey", func() {
		fake, client := startDeliveries(planned(func(p *mock.DeliveryPlan) { p.Report.MissingFile = true }))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		d, err := fake.Deliver("src", "daily")
		Expect(err).NotTo(HaveOccurred())
		manifest := string(objectBody(fake, "reports", d.ManifestKey).Body)
		Expect(d.Keys).To(HaveLen(3))
		Expect(manifest).To(MatchRegexp(`"key": "inv/src/daily/data/[0-9a-f-]{36}\.csv\.gz"`))
		Expect(listKeys(client)).To(ConsistOf(d.Keys))
	})

	It("fails a delivery whose plan asks CSV faults of a Parquet report, writing nothing", func() {
		fake, client := startDeliveries(planned(func(p *mock.DeliveryPlan) { p.Report.TrailingNewline = true }))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatParquet, types.InventoryIncludedObjectVersionsCurrent))
		d, err := fake.Deliver("src", "daily")
		Expect(err).To(HaveOccurred())
		Expect(d.Outcome).To(Equal(mock.DeliveryFailed))
		Expect(d.Reason).To(ContainSubstring("apply to CSV only, not Parquet"))
		Expect(listKeys(client)).To(BeEmpty())
	})
})
