package scenarios_test

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/mocktest"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/s3client"
	"github.com/s3invmock/s3invmock/scenarios"
)

// reportFake serves a fake running sc with the source bucket "logs" (three objects,
// among them "a b.txt") and the destination "reports", and its SDK client.
func reportFake(sc *scenarios.Scenario, format types.InventoryFormat, ids ...string) (*mocktest.Fake, *s3.Client) {
	GinkgoHelper()
	fake, c := s3client.Start(GinkgoT(), mocktest.Scenario(sc),
		mocktest.With(mock.WithClock(func() time.Time { return time.Date(2026, 11, 25, 1, 0, 7, 0, time.UTC) })),
		mocktest.Bucket("logs"), mocktest.Bucket("reports"),
		mocktest.Objects("logs", object.Mapping{Key: new("a b.txt"), Body: new("one")},
			object.Mapping{Key: new("b.txt"), Body: new("two")}, object.Mapping{Key: new("c.txt"), Body: new("three")}))
	for _, id := range ids {
		cfg := config(id)
		cfg.Destination.S3BucketDestination.Format = format
		_, err := c.PutBucketInventoryConfiguration(context.Background(), &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("logs"), Id: aws.String(id), InventoryConfiguration: cfg})
		Expect(err).NotTo(HaveOccurred())
	}
	return fake, c
}

// deliver delivers logs/id and expects S3 could.
func deliver(fake *mocktest.Fake, id string) mock.Delivery {
	GinkgoHelper()
	d, err := fake.Deliver("logs", id)
	Expect(err).NotTo(HaveOccurred())
	return d
}

var _ = Describe("Delivery rules", func() {
	It("journal every fault they apply with the delivery, in a fixed order", func() {
		fake, _ := reportFake(load(`
rules:
  - name: everything
    match: {delivery: {bucket: "lo*", id: daily, format: CSV}}
    action: {late: 30h, duplicate: true, split: 4, multiMemberGzip: true, trailingNewline: true, unsorted: true,
             missingChecksum: true, badChecksum: true, badMD5: true, truncated: true, missingFile: true}
`), types.InventoryFormatCsv, "daily")
		Expect(deliver(fake, "daily").Faults).To(Equal([]string{"late:30h", "split:4", "duplicate", "multiMemberGzip",
			"trailingNewline", "unsorted", "missingChecksum", "badChecksum", "badMD5", "truncated", "missingFile"}))
	})

	It("read the same from JSON, and when.times counts deliveries", func() {
		fake, _ := reportFake(load(`{"rules": [{"name": "once", "match": {"delivery": {"format": "CSV"}},
  "when": {"times": 1}, "action": {"split": 4, "badMD5": true}}]}`), types.InventoryFormatCsv, "daily")
		Expect(deliver(fake, "daily").Faults).To(Equal([]string{"split:4", "badMD5"}))
		Expect(deliver(fake, "daily").Faults).To(BeEmpty())
	})

	It("match only deliveries: a request rule's counters do not see them, nor theirs requests", func() {
		fake, c := reportFake(load(`
rules:
  - name: skip
    match: {delivery: {id: daily}}
    action: {skip: true}
`), types.InventoryFormatCsv, "daily", "weekly")
		Expect(getConfig(context.Background(), c, "logs", "daily")).To(Succeed())
		d := deliver(fake, "daily")
		Expect(d.Outcome).To(Equal(mock.DeliverySkipped))
		Expect(d.Faults).To(Equal([]string{"skip"}))
		Expect(deliver(fake, "weekly").Outcome).To(Equal(mock.Delivered))
		Expect(fake.Engine().Status().Rules[0].Matched).To(Equal(uint64(1)))
	})

	It("leave CSV-only faults out of a Parquet delivery a format glob matched", func() {
		fake, _ := reportFake(load(`
rules:
  - name: any
    match: {delivery: {format: "*"}}
    action: {trailingNewline: true, split: 2}
`), types.InventoryFormatParquet, "daily")
		d := deliver(fake, "daily")
		Expect(d.Faults).To(Equal([]string{"split:2"}))
		Expect(d.Files).To(Equal(2))
	})

	It("are built in Go as in a file", func() {
		built := scenarios.New().Seed(9).Rule("r").Delivery("logs", "*", "CSV").Times(1).
			Late(30 * time.Hour).Skip().Duplicate().Split(4).MultiMemberGzip().TrailingNewline().Unsorted().
			MissingChecksum().BadChecksum().BadMD5().Truncated().MissingFile().MustBuild()
		Expect(built).To(Equal(load(`
seed: 9
rules:
  - name: r
    match: {delivery: {bucket: logs, id: "*", format: CSV}}
    when: {times: 1}
    action: {late: 30h, skip: true, duplicate: true, split: 4, multiMemberGzip: true, trailingNewline: true,
             unsorted: true, missingChecksum: true, badChecksum: true, badMD5: true, truncated: true, missingFile: true}
`)))
		Expect(scenarios.New().Rule("s").On(mock.GetBucketInventoryConfiguration).StaleRequests(3).MustBuild()).To(Equal(load(`
rules:
  - name: s
    match: {operation: GetBucketInventoryConfiguration}
    action: {stale: {requests: 3}}
`)))
	})

	DescribeTable("validation names rule, field and line",
		func(doc, path string, line int, message string) {
			_, err := scenarios.Parse([]byte(doc))
			Expect(fieldErrors(err)).To(ContainElement(MatchFields("a", path, line)))
			Expect(err.Error()).To(ContainSubstring(message))
		},
		Entry("split 0", "rules:\n  - name: a\n    match: {delivery: {}}\n    action:\n      split: 0\n",
			"rules[0].action.split", 5, "must be at least 1, got 0"),
		Entry("a CSV-only fault for Parquet", "rules:\n  - name: a\n    match: {delivery: {format: Parquet}}\n    action:\n      multiMemberGzip: true\n",
			"rules[0].action.multiMemberGzip", 5, "applies to CSV reports only, and match.delivery.format is Parquet"),
		Entry("trailingNewline for ORC", "rules:\n  - name: a\n    match: {delivery: {format: ORC}}\n    action:\n      trailingNewline: true\n",
			"rules[0].action.trailingNewline", 5, "CSV reports only"),
		Entry("an unknown format", "rules:\n  - name: a\n    match:\n      delivery: {format: JSON}\n",
			"rules[0].match.delivery.format", 4, `unknown format "JSON"; known: CSV, ORC, Parquet`),
		Entry("a delivery fault without match.delivery", "rules:\n  - name: a\n    action:\n      badMD5: true\n",
			"rules[0].action.badMD5", 4, "applies to deliveries: give match.delivery"),
		Entry("a request action on a delivery rule", "rules:\n  - name: a\n    match: {delivery: {}}\n    action:\n      error: SlowDown\n",
			"rules[0].action.error", 5, "applies to requests, and this rule matches deliveries"),
		Entry("a request match beside match.delivery", "rules:\n  - name: a\n    match:\n      operation: HeadBucket\n      delivery: {}\n",
			"rules[0].match", 3, "matches deliveries only"),
		Entry("a negative late", "rules:\n  - name: a\n    match: {delivery: {}}\n    action:\n      late: -1h\n",
			"rules[0].action.late", 5, "must not be negative, got -1h0m0s"),
		Entry("a boolean that is not one", "rules:\n  - name: a\n    match: {delivery: {}}\n    action:\n      skip: yes\n",
			"rules[0].action.skip", 5, "must be true or false"),
		Entry("stale with both bounds", "rules:\n  - name: a\n    action:\n      stale: {for: 2s, requests: 3}\n",
			"rules[0].action.stale", 4, "give exactly one of for and requests"),
		Entry("stale on a read of objects", "rules:\n  - name: a\n    match: {operation: GetObject}\n    action:\n      stale: {for: 2s}\n",
			"rules[0].action.stale", 5, "applies only to the inventory configuration operations"),
	)
})
