package mock

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// DefaultCaptureBudget is how many bytes of request and response bodies the journal
// keeps in all, summed over its entries, when capture is on. C: 64 MiB holds the
// exchanges of any ordinary test (a configuration is about 2 KiB, a full List page
// about 200 KiB), while 1,200 refused 900 KiB PUTs used to keep 1.4 GiB.
const DefaultCaptureBudget = 64 << 20

// MaxEntryStringBytes is the longest string a journal entry keeps (path, bucket, id,
// access key, account, invocation id, method); a longer one keeps its first
// MaxEntryStringBytes bytes (cut at a UTF-8 boundary) and is named in
// Entry.Truncated. C: S3's longest object key is 1,024 bytes, so nothing a client
// sends on purpose is cut but a key-sized path; a 60 KB path is kept as 1 KiB.
const MaxEntryStringBytes = 1024

// keepString copies s, capped at MaxEntryStringBytes, so that the journal never pins
// the request it came from: net/http's path and query values are substrings of the
// whole request line, so an entry that kept its 60 KB path kept every byte of it.
func keepString(s string) (kept string, cut bool) {
	if len(s) <= MaxEntryStringBytes {
		return strings.Clone(s), false
	}
	n := MaxEntryStringBytes
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.Clone(s[:n]), true
}

// keepStrings applies keepString to each field and names the cut ones in e.Truncated
// by their JSON names.
func (e *Entry) keepStrings() {
	for _, f := range []struct {
		name string
		v    *string
	}{
		{"method", &e.Method}, {"path", &e.Path}, {"bucket", &e.Bucket}, {"id", &e.ID},
		{"access_key", &e.AccessKey}, {"account", &e.Account}, {"invocation_id", &e.InvocationID},
	} {
		var cut bool
		if *f.v, cut = keepString(*f.v); cut {
			e.Truncated = append(e.Truncated, f.name)
		}
	}
}

// bodyBytes is what an exchange's kept bodies cost the capture budget.
func (x *Exchange) bodyBytes() int64 {
	if x == nil {
		return 0
	}
	return int64(len(x.RequestBody) + len(x.ResponseBody))
}

// fitBodies keeps x's bodies, copied to their exact size (a body read with io.ReadAll
// has up to a quarter of slack), when they fit in what is left of the budget; else it
// elides both and records their sizes, so the entry says what it lacks.
func (x *Exchange) fitBodies(left int64) {
	if x == nil {
		return
	}
	if x.bodyBytes() <= left {
		x.RequestBody = exactCopy(x.RequestBody)
		x.ResponseBody = exactCopy(x.ResponseBody)
		return
	}
	if x.RequestBody != nil { // else a recording proxy elided it already, with its size
		x.RequestBodyElided = len(x.RequestBody)
	}
	x.ResponseBodyElided = len(x.ResponseBody)
	x.RequestBody, x.ResponseBody = nil, nil
}

func exactCopy(b []byte) []byte {
	if b == nil {
		return nil
	}
	return bytes.Clone(b)
}
