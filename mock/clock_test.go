package mock_test

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/s3client"
)

// The clock specs start the inventory clock simulated on Monday 2026-11-30T00:00Z;
// the wall clock (WithClock) stays at wallNow.
var (
	simStart = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	wallNow  = time.Date(2026, 11, 25, 9, 30, 15, 0, time.UTC)
)

func startClock(opts ...mock.Option) (*mocktest.Fake, *s3.Client) {
	base := []mock.Option{mock.WithClock(func() time.Time { return wallNow }), mock.WithSimulatedClock(simStart)}
	return s3client.Start(GinkgoT(), mocktest.With(append(base, opts...)...),
		mocktest.Bucket("src"), mocktest.Bucket("reports"), mocktest.Objects("src", seedObjects()...))
}

func weekly(id string) *types.InventoryConfiguration {
	c := inventoryConfig(id, types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent)
	c.Schedule.Frequency = types.InventoryFrequencyWeekly
	return c
}

// scans are the scan instants of records.
func scans(ds []mock.Delivery) []time.Time {
	out := []time.Time{}
	for _, d := range ds {
		out = append(out, d.ScanAt)
	}
	return out
}

// at1 is 01:00Z on day d of December 2026 (d <= 0 counts back into November).
func at1(d int) time.Time { return time.Date(2026, 12, d, 1, 0, 0, 0, time.UTC) }

// manifestOf reads a delivery's manifest.json through the Go API: its creationTimestamp
// and the Last-Modified of the object.
func manifestOf(fake *mocktest.Fake, d mock.Delivery) (creation string, lastModified time.Time) {
	GinkgoHelper()
	v := objectBody(fake, "reports", d.ManifestKey)
	var m struct {
		CreationTimestamp string `json:"creationTimestamp"`
	}
	Expect(json.Unmarshal(v.Body, &m)).To(Succeed())
	return m.CreationTimestamp, v.LastModifiedDate
}

var _ = Describe("Clock", func() {
	It("starts as the wall clock, standing still only once set, and refuses to go back", func() {
		fake, _ := s3client.Start(GinkgoT(), mocktest.With(mock.WithClock(func() time.Time { return wallNow })))
		c := fake.Clock()
		Expect(c.Simulated()).To(BeFalse())
		Expect(c.Now()).To(Equal(wallNow))
		ds, err := c.Set(simStart)
		Expect(err).NotTo(HaveOccurred())
		Expect(ds).To(BeEmpty())
		Expect(c.Simulated()).To(BeTrue())
		Expect(c.Now()).To(Equal(simStart))
		_, err = c.Set(simStart.Add(-time.Minute))
		var ce *mock.ClockError
		Expect(err).To(BeAssignableToTypeOf(ce))
		Expect(err.Error()).To(HavePrefix("the inventory clock cannot go back from 2026-11-30T00:00:00Z to 2026-11-29T23:59:00Z: "))
		_, err = c.Advance(-time.Hour)
		Expect(err).To(BeAssignableToTypeOf(ce))
		Expect(c.Now()).To(Equal(simStart))
	})

	It("delivers nothing by schedule on the wall clock", func() {
		fake, client := s3client.Start(GinkgoT(), mocktest.With(mock.WithClock(func() time.Time { return wallNow })),
			mocktest.Bucket("src"), mocktest.Bucket("reports"))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		Expect(fake.Deliveries()).To(BeEmpty())
	})

	When("a daily configuration is put through the SDK and the clock advances a week", func() {
		It("delivers seven reports at 01:00 with the scan in keys and creationTimestamp and Last-Modified", func() {
			fake, client := startClock()
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			ds, err := fake.Clock().Advance(7 * 24 * time.Hour)
			Expect(err).NotTo(HaveOccurred())
			Expect(scans(ds)).To(Equal([]time.Time{at1(0) /* Nov 30 */, at1(1), at1(2), at1(3), at1(4), at1(5), at1(6)}))
			Expect(fake.Clock().Now()).To(Equal(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)))
			for _, d := range ds {
				Expect(d.Outcome).To(Equal(mock.Delivered))
				Expect(d.ManifestKey).To(Equal("inv/src/daily/" + d.ScanAt.Format("2006-01-02T15-04Z") + "/manifest.json"))
				Expect(d.Keys).To(ContainElement("inv/src/daily/hive/dt=" + d.ScanAt.Format("2006-01-02-15-04") + "/symlink.txt"))
				Expect(d.CompletedAt).To(Equal(d.ScanAt))
				Expect(d.LandAt).To(Equal(d.ScanAt))
				creation, lm := manifestOf(fake, d)
				Expect(creation).To(Equal(strconv.FormatInt(d.ScanAt.UnixMilli(), 10)))
				Expect(lm).To(Equal(d.ScanAt))
			}
			Expect(fake.Deliveries()).To(Equal(ds))
		})

		It("delivers the eighth at the end of a span that ends on a scan instant", func() {
			fake, client := startClock()
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			ds, _ := fake.Clock().Advance(7*24*time.Hour + time.Hour)
			Expect(ds).To(HaveLen(8))
			Expect(ds[7].ScanAt).To(Equal(at1(7)))
			more, _ := fake.Clock().Advance(time.Hour)
			Expect(more).To(BeEmpty(), "a scan at the end of one span is not made again")
		})
	})

	It("keeps Date headers on the wall clock while keys and creation dates follow the inventory clock", func() {
		fake, client := startClock()
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		ds, _ := fake.Clock().Advance(72 * time.Hour)
		Expect(ds[len(ds)-1].ManifestKey).To(Equal("inv/src/daily/2026-12-02T01-00Z/manifest.json"))
		_, err := client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("later")})
		Expect(err).NotTo(HaveOccurred())
		out, err := client.ListBuckets(context.Background(), &s3.ListBucketsInput{})
		Expect(err).NotTo(HaveOccurred())
		raw := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response)
		Expect(raw.Header.Get("Date")).To(Equal("Wed, 25 Nov 2026 09:30:15 GMT"))
		created := map[string]time.Time{}
		for _, b := range out.Buckets {
			created[*b.Name] = *b.CreationDate
		}
		Expect(created["later"]).To(Equal(simStart.Add(72 * time.Hour)))
		Expect(created["src"]).To(Equal(simStart))
	})

	It("delivers a Weekly configuration's first report, then on Sundays", func() {
		fake, client := startClock()
		putConfig(client, weekly("weekly"))
		ds, _ := fake.Clock().Advance(14 * 24 * time.Hour)
		Expect(scans(ds)).To(Equal([]time.Time{at1(0), at1(6), at1(13)}))
		for _, t := range scans(ds)[1:] {
			Expect(t.Weekday()).To(Equal(time.Sunday))
		}
	})

	It("looks for the first scan at the delivery time of day after the first PUT plus the initial delay", func() {
		fake, client := startClock(mock.WithInitialDelay(48*time.Hour+time.Minute), mock.WithDeliveryAt(3*time.Hour+30*time.Minute))
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		ds, _ := fake.Clock().Advance(5 * 24 * time.Hour)
		Expect(scans(ds)).To(Equal([]time.Time{
			time.Date(2026, 12, 2, 3, 30, 0, 0, time.UTC), time.Date(2026, 12, 3, 3, 30, 0, 0, time.UTC),
			time.Date(2026, 12, 4, 3, 30, 0, 0, time.UTC),
		}))
	})

	It("skips a disabled configuration and keeps the schedule of one replaced mid-span", func() {
		fake, client := startClock()
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		off := inventoryConfig("off", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent)
		off.IsEnabled = aws.Bool(false)
		putConfig(client, off)
		first, _ := fake.Clock().Advance(36 * time.Hour) // Nov 30 and Dec 1
		moved := inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent)
		moved.Destination.S3BucketDestination.Prefix = aws.String("moved")
		putConfig(client, moved)
		second, _ := fake.Clock().Advance(48 * time.Hour) // Dec 2 and 3
		Expect(scans(first)).To(Equal([]time.Time{at1(0), at1(1)}))
		Expect(scans(second)).To(Equal([]time.Time{at1(2), at1(3)}), "the replacement keeps the schedule: no new first report")
		Expect(first[1].ManifestKey).To(HavePrefix("inv/src/daily/"))
		Expect(second[0].ManifestKey).To(Equal("moved/src/daily/2026-12-02T01-00Z/manifest.json"))
		for _, d := range append(first, second...) {
			Expect(d.ID).To(Equal("daily"))
		}
	})

	It("delivers nothing after a delete, and starts a new schedule when the Id is put again", func() {
		fake, client := startClock()
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		first, _ := fake.Clock().Advance(36 * time.Hour)
		_, err := client.DeleteBucketInventoryConfiguration(context.Background(), &s3.DeleteBucketInventoryConfigurationInput{
			Bucket: aws.String("src"), Id: aws.String("daily")})
		Expect(err).NotTo(HaveOccurred())
		gone, _ := fake.Clock().Advance(72 * time.Hour)
		Expect(scans(first)).To(Equal([]time.Time{at1(0), at1(1)}))
		Expect(gone).To(BeEmpty())
		putConfig(client, weekly("daily")) // Friday Dec 4, 12:00
		again, _ := fake.Clock().Advance(4 * 24 * time.Hour)
		Expect(scans(again)).To(Equal([]time.Time{at1(5), at1(6)}), "a first report, then Sunday")
	})

	When("objects land after their scan (WithDeliveryLag, a DeliveryHook's Late)", func() {
		It("keeps the scan in keys and creationTimestamp, dates the objects at landing and shows nothing before", func() {
			hook := lateHook{late: 2 * time.Hour}
			fake, client := startClock(mock.WithDeliveryLag(20*time.Hour+12*time.Minute), mock.WithDeliveryHook(hook))
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			ds, _ := fake.Clock().Advance(22 * time.Hour) // to 22:00, the scan at 01:00 lands at 23:12
			Expect(ds).To(HaveLen(1))
			d := ds[0]
			Expect(d.LandAt).To(Equal(time.Date(2026, 11, 30, 23, 12, 0, 0, time.UTC)))
			Expect(d.Faults).To(Equal([]string{"late"}))
			_, found, err := fake.Object("reports", d.ManifestKey)
			Expect(err).NotTo(HaveOccurred())
			Expect(found).To(BeFalse())
			objs, _ := fake.Objects("reports")
			Expect(objs).To(BeEmpty())
			st := fake.State()
			Expect(st.Landings).To(HaveLen(1))

			more, _ := fake.Clock().Advance(72 * time.Minute)
			Expect(more).To(BeEmpty())
			creation, lm := manifestOf(fake, d)
			Expect(creation).To(Equal(strconv.FormatInt(at1(0).UnixMilli(), 10)))
			Expect(lm).To(Equal(d.LandAt))
			Expect(fake.State().Landings).To(BeEmpty())
		})

		It("makes an on-demand delivery land late too", func() {
			fake, client := startClock(mock.WithDeliveryLag(time.Hour))
			putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
			d, err := fake.Deliver("src", "daily")
			Expect(err).NotTo(HaveOccurred())
			Expect(d.ScanAt).To(Equal(simStart))
			Expect(d.LandAt).To(Equal(simStart.Add(time.Hour)))
			_, found, _ := fake.Object("reports", d.ManifestKey)
			Expect(found).To(BeFalse())
			_, _ = fake.Clock().Advance(time.Hour)
			_, found, _ = fake.Object("reports", d.ManifestKey)
			Expect(found).To(BeTrue())
		})
	})

	It("keeps the clock, the schedules and the pending landings in a snapshot, so a restore goes on alike", func() {
		opts := []mock.Option{mock.WithDeliveryLag(30 * time.Hour)}
		straight, client := startClock(opts...)
		putConfig(client, inventoryConfig("daily", types.InventoryFormatCsv, types.InventoryIncludedObjectVersionsCurrent))
		moved := weekly("weekly")
		putConfig(client, moved)
		_, _ = straight.Clock().Advance(50 * time.Hour)
		yaml, err := straight.State().YAML()
		Expect(err).NotTo(HaveOccurred())
		Expect(string(yaml)).To(ContainSubstring("clock:\n  now: 2026-12-02T02:00:00Z\n  simulated: true\n"))
		st, err := mock.ParseState(yaml)
		Expect(err).NotTo(HaveOccurred())
		restored := mock.New(opts...)
		Expect(restored.LoadState(st)).To(Succeed())
		Expect(restored.Clock().Simulated()).To(BeTrue())
		Expect(restored.Clock().Now()).To(Equal(straight.Clock().Now()))

		a, _ := straight.Clock().Advance(6 * 24 * time.Hour)
		b, _ := restored.Clock().Advance(6 * 24 * time.Hour)
		Expect(b).To(Equal(a))
		sa, sb := straight.State(), restored.State()
		Expect(sb.Buckets).To(Equal(sa.Buckets))
		Expect(sb.Schedules).To(Equal(sa.Schedules))
		Expect(sb.Landings).To(Equal(sa.Landings))
	})

	It("refuses a snapshot whose schedule names a missing bucket or an out-of-order version", func() {
		doc := "buckets: [{name: src}]\nclock: {now: 2026-12-01T00:00:00Z, simulated: true}\nschedules:\n" +
			"  - {bucket: nope, id: a, firstPut: 2026-11-30T00:00:00Z, versions: [{at: 2026-11-30T00:00:00Z, deleted: true}]}\n" +
			"  - {bucket: src, id: b, firstPut: 2026-11-30T00:00:00Z, versions: [{at: 2026-11-30T00:00:00Z, deleted: true}, {at: 2026-11-29T00:00:00Z, deleted: true}]}\n"
		st, err := mock.ParseState([]byte(doc))
		Expect(err).NotTo(HaveOccurred())
		err = mock.New().LoadState(st)
		Expect(err).To(MatchError(`invalid state: schedules[0].bucket: no bucket "nope" in this state; ` +
			`schedules[1].versions[1].at: must be after the previous version's`))
		_, err = mock.ParseState([]byte("clock: {now: tomorrow, simulated: yes}\n"))
		Expect(err).To(MatchError(`invalid state: line 1: clock.now: not an RFC 3339 time such as 2026-11-25T01:00:00Z: "tomorrow"; ` +
			`line 1: clock.simulated: must be true or false`))
	})
})

// lateHook makes every delivery late by late, as a scenario's late fault would.
type lateHook struct{ late time.Duration }

func (h lateHook) PlanDelivery(p *mock.DeliveryPlan) {
	p.Late = h.late
	p.Faults = append(p.Faults, "late")
}
