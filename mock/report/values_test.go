package report_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/report"
)

var _ = Describe("the CSV date text", func() {
	DescribeTable("spells every instant as time.Format does with DateLayout",
		func(at time.Time) {
			ms := at.UnixMilli()
			want := time.UnixMilli(ms).UTC().Format(report.DateLayout)
			Expect(string(report.AppendDate([]byte("x"), ms))).To(Equal("x" + want))
		},
		Entry("a real report's instant", time.Date(2024, 5, 6, 22, 37, 48, 0, time.UTC)),
		Entry("milliseconds", time.Date(2026, 12, 31, 23, 59, 59, 999e6, time.UTC)),
		Entry("a leap day", time.Date(2028, 2, 29, 0, 0, 0, 7e6, time.UTC)),
		Entry("the epoch", time.Unix(0, 0)),
		Entry("before the epoch", time.Date(1969, 12, 31, 23, 59, 59, 1e6, time.UTC)),
		Entry("year 1", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)),
		Entry("year 9999", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)),
		Entry("past year 9999, through AppendFormat", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)),
		Entry("before year 0, through AppendFormat", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)),
	)
})
