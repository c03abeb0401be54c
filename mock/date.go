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
	unix   int64
	header []string
}

// header returns the Date header's value for t (http.TimeFormat, in UTC). The slice is
// shared by every answer of the same second and must not be written in place.
func (d *dateCache) header(t time.Time) []string {
	sec := t.Unix()
	if v := d.last.Load(); v != nil && v.unix == sec {
		return v.header
	}
	v := &dateValue{unix: sec, header: []string{t.UTC().Format(http.TimeFormat)}}
	d.last.Store(v)
	return v.header
}
