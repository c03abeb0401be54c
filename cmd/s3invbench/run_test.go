package main

import (
	"bytes"
	"encoding/json"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// The specs live in package main: the command has no API to import. They check shape
// and sanity, never timing.
var _ = Describe("s3invbench", func() {
	short := []string{"-targets", "inproc,bare", "-duration", "150ms", "-warmup", "20ms", "-rounds", "2", "-workers", "2"}

	It("prints a table with a row for each target and sane numbers", func() {
		var out, log bytes.Buffer
		Expect(run(append([]string{"-workloads", "get-one,mixed-90-10"}, short...), &out, &log)).To(Equal(0), log.String())
		table := out.String()
		for _, want := range []string{"get-one  inproc", "get-one    bare", "mixed-90-10  inproc", "mixed-90-10    bare", "vs bare*"} {
			Expect(table).To(ContainSubstring(want))
		}
		Expect(log.String()).To(ContainSubstring("get-one round 2/2 on bare"))
	})

	It("writes JSON whose rows have requests, no errors, ordered percentiles and bare at 1.00", func() {
		var out, log bytes.Buffer
		Expect(run(append([]string{"-workloads", "list-page,put-100-rules", "-json"}, short...), &out, &log)).To(Equal(0), log.String())
		var rep report
		Expect(json.Unmarshal(out.Bytes(), &rep)).To(Succeed())
		Expect(rep.Rounds).To(Equal(2))
		Expect(rep.Rows).To(HaveLen(5)) // put-100-rules runs inproc with and without the rules
		Expect(rep.Rows[2].Target).To(Equal("inproc-no-rules"))
		Expect(rep.Rows[3].Target).To(Equal("inproc"))
		for _, r := range rep.Rows {
			Expect(r.Requests).To(BeNumerically(">", 0), r.Workload+" "+r.Target)
			Expect(r.Unexpected+r.Failed).To(BeZero(), r.Workload+" "+r.Target)
			Expect(r.ReqPerSec).To(BeNumerically(">", 0))
			Expect(r.P50).To(BeNumerically("<=", r.P99))
			Expect(r.P99).To(BeNumerically("<=", r.Max))
			Expect(r.VsBare).To(BeNumerically(">", 0))
			if r.Target == "bare" {
				Expect(r.VsBare).To(BeNumerically("==", 1))
			}
		}
	})

	It("serves the bare target with the fake's very bytes", func() {
		answers, err := recordAnswers(workloads[0])
		Expect(err).NotTo(HaveOccurred())
		a := answers["GET "+getOne.target]
		Expect(a.Status).To(Equal(200))
		Expect(string(a.Body)).To(HavePrefix(`<?xml version="1.0" encoding="UTF-8"?><InventoryConfiguration`))
		Expect(a.Header.Get("Server")).To(Equal("AmazonS3"))
	})

	DescribeTable("refuses bad flags with exit code 2 and one line",
		func(args ...string) {
			var out, log bytes.Buffer
			Expect(run(args, &out, &log)).To(Equal(2))
			Expect(strings.Count(log.String(), "\n")).To(Equal(1))
		},
		Entry("an unknown workload", "-workloads", "get-all"),
		Entry("an unknown target", "-targets", "moto"),
		Entry("url without -url", "-targets", "url"),
		Entry("no workers", "-workers", "0"),
		Entry("a stray argument", "extra"),
	)

	It("prints its usage with the defaults on -h", func() {
		var out, log bytes.Buffer
		Expect(run([]string{"-h"}, &out, &log)).To(Equal(0))
		Expect(out.String()).To(ContainSubstring("default 8"))
		Expect(out.String()).To(ContainSubstring("default 2s"))
	})
})
