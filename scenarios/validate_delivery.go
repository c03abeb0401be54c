package scenarios

import (
	"slices"
	"strings"

	"github.com/s3invmock/s3invmock/mock/report"
)

// formats are the report formats a delivery match can name.
var formats = []string{string(report.FormatCSV), string(report.FormatORC), string(report.FormatParquet)}

// validateDelivery checks what a delivery match implies: a rule with one matches only
// deliveries, so request fields and request actions have no place in it, and its
// faults must suit its format; a rule without one may not hold delivery faults.
func (r *Rule) validateDelivery(p *problems, path string) {
	m, a := &r.Match, &r.Action
	d := m.Delivery
	if d == nil {
		for _, name := range a.DeliveryFaults.names() {
			p.add(path+".action."+name, 0, "applies to deliveries: give match.delivery")
		}
		return
	}
	mp := path + ".match"
	if len(m.Operation) > 0 || m.Bucket != "" || m.Key != "" || m.ID != "" || m.Method != "" ||
		m.AccessKey != "" || m.Account != "" || len(m.Headers) > 0 {
		p.add(mp, 0, "a rule with match.delivery matches deliveries only: give no operation, bucket, key, id, method, accessKey, account or headers beside it")
	}
	for _, f := range []struct{ key, glob string }{{"bucket", d.Bucket}, {"id", d.ID}, {"format", d.Format}} {
		checkGlobLength(p, mp+".delivery."+f.key, f.glob)
	}
	if d.Format != "" && !strings.ContainsAny(d.Format, "*?") && !slices.Contains(formats, d.Format) {
		p.add(mp+".delivery.format", 0, "unknown format %q; known: %s", d.Format, strings.Join(formats, ", "))
	}
	ap := path + ".action"
	for _, x := range []struct {
		key string
		set bool
	}{{"error", a.Error != nil}, {"latency", a.Latency != nil}, {"bandwidth", a.Bandwidth != 0},
		{"respond", a.Respond != nil}, {"fault", a.Fault != nil}, {"page", a.Page != nil}, {"stale", a.Stale != nil}} {
		if x.set {
			p.add(ap+"."+x.key, 0, "applies to requests, and this rule matches deliveries (match.delivery)")
		}
	}
	f := &a.DeliveryFaults
	if f.Late < 0 {
		p.add(ap+".late", 0, "must not be negative, got %s", f.Late.String())
	}
	if f.Split < 0 {
		p.add(ap+".split", 0, "must be at least 1, got %d", f.Split)
	}
	if d.Format == string(report.FormatORC) || d.Format == string(report.FormatParquet) {
		for _, x := range f.flags() {
			if x.csv && *x.on {
				p.add(ap+"."+x.name, 0, "applies to CSV reports only, and match.delivery.format is %s", d.Format)
			}
		}
	}
}

// names lists the keys of the faults f holds, in record order.
func (f *DeliveryFaults) names() []string {
	var out []string
	if f.Late != 0 {
		out = append(out, "late")
	}
	if f.Split != 0 {
		out = append(out, "split")
	}
	for _, x := range f.flags() {
		if *x.on {
			out = append(out, x.name)
		}
	}
	return out
}
