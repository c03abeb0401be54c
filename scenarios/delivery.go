package scenarios

import (
	"strconv"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/report"
)

// DeliveryMatch selects inventory deliveries instead of requests: a rule with one
// matches only deliveries. Each field is a glob with * and ?; an empty one matches all.
type DeliveryMatch struct {
	// Bucket is the source bucket; ID the inventory configuration's Id.
	Bucket string `json:"bucket,omitempty"`
	ID     string `json:"id,omitempty"`
	// Format is the report format: CSV, ORC or Parquet.
	Format string `json:"format,omitempty"`
}

// DeliveryFaults are the actions of a delivery rule: each shapes what a report
// consumer receives, as a quirk did that broke a consumer in the wild. In a file
// they are keys of action, beside setState.
type DeliveryFaults struct {
	// Late makes the report's objects land that long after the scan.
	Late Duration `json:"late,omitempty"`
	// Skip makes the delivery never happen (its record's outcome is skipped).
	Skip bool `json:"skip,omitempty"`
	// Duplicate writes the same report again under the next minute's timestamp.
	Duplicate bool `json:"duplicate,omitempty"`
	// Split writes the rows in exactly that many data files (at least 1).
	Split int `json:"split,omitempty"`
	// MultiMemberGzip writes each CSV file as one gzip member per row (CSV only).
	MultiMemberGzip bool `json:"multiMemberGzip,omitempty"`
	// TrailingNewline adds an LF after the last row of each CSV file (CSV only).
	TrailingNewline bool `json:"trailingNewline,omitempty"`
	// Unsorted writes each data file's rows in an order drawn from the scenario's seed.
	Unsorted bool `json:"unsorted,omitempty"`
	// MissingChecksum writes no manifest.checksum; BadChecksum one that does not
	// match manifest.json.
	MissingChecksum bool `json:"missingChecksum,omitempty"`
	BadChecksum     bool `json:"badChecksum,omitempty"`
	// BadMD5 lists a wrong MD5checksum for the first data file.
	BadMD5 bool `json:"badMD5,omitempty"`
	// Truncated cuts the first data file short; the manifest keeps its size and MD5.
	Truncated bool `json:"truncated,omitempty"`
	// MissingFile lists the first data file but writes no object for it.
	MissingFile bool `json:"missingFile,omitempty"`
}

// flags pairs every boolean fault with its name, in the order records list them.
func (f *DeliveryFaults) flags() []struct {
	name string
	on   *bool
	csv  bool // CSV only
} {
	return []struct {
		name string
		on   *bool
		csv  bool
	}{
		{"skip", &f.Skip, false}, {"duplicate", &f.Duplicate, false},
		{"multiMemberGzip", &f.MultiMemberGzip, true}, {"trailingNewline", &f.TrailingNewline, true},
		{"unsorted", &f.Unsorted, false}, {"missingChecksum", &f.MissingChecksum, false},
		{"badChecksum", &f.BadChecksum, false}, {"badMD5", &f.BadMD5, false},
		{"truncated", &f.Truncated, false}, {"missingFile", &f.MissingFile, false},
	}
}

// apply adds f to the plan of a delivery of format, with the names a record lists
// ("late:30h", "split:4", "badMD5"); CSV-only faults stand aside for other formats.
// Lates add up; the first split applies.
func (f *DeliveryFaults) apply(p *mock.DeliveryPlan, seed uint64) {
	name := func(n string) {
		for _, have := range p.Faults {
			if have == n {
				return
			}
		}
		p.Faults = append(p.Faults, n)
	}
	if f.Late > 0 {
		p.Late += time.Duration(f.Late)
		name("late:" + shortDuration(time.Duration(f.Late)))
	}
	if f.Split > 0 && p.Report.Split == 0 {
		p.Report.Split = f.Split
		name("split:" + strconv.Itoa(f.Split))
	}
	r := &p.Report
	to := map[string]*bool{"skip": &p.Skip, "duplicate": &p.Duplicate,
		"multiMemberGzip": &r.MultiMemberGzip, "trailingNewline": &r.TrailingNewline, "unsorted": &r.Unsorted,
		"missingChecksum": &r.MissingChecksum, "badChecksum": &r.BadChecksum, "badMD5": &r.BadMD5,
		"truncated": &r.Truncated, "missingFile": &r.MissingFile}
	for _, x := range f.flags() {
		if !*x.on || (x.csv && p.Format != string(report.FormatCSV)) {
			continue
		}
		*to[x.name] = true
		name(x.name)
	}
	if r.Unsorted {
		r.UnsortedSeed = seed
	}
}

// shortDuration spells d as Go does without zero tails: 30h, 90m, 2s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
