package mock

import (
	"net/http"
	"sync/atomic"
	"time"
)

// dateCache formats the Date header once per second of the clock instead of once per
// request: the value only changes when the second does.
type dateCache struct{ last atomic.Pointer[dateValue] }

type dateValue struct {
	unix int64
	text string
}

// format returns t as the Date header writes it (http.TimeFormat, in UTC).
func (d *dateCache) format(t time.Time) string {
	sec := t.Unix()
	if v := d.last.Load(); v != nil && v.unix == sec {
		return v.text
	}
	v := &dateValue{unix: sec, text: t.UTC().Format(http.TimeFormat)}
	d.last.Store(v)
	return v.text
}
