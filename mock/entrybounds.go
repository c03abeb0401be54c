package mock

import (
	"bytes"
	"net/http"
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

// keptPrefix is what the journal keeps of s, to be copied: at most
// MaxEntryStringBytes, cut at a UTF-8 boundary. It copies so that it never pins the
// request it came from: net/http's path and query values are substrings of the whole
// request line, so an entry that kept its 60 KB path kept every byte of it.
func keptPrefix(s string) string {
	if len(s) <= MaxEntryStringBytes {
		return s
	}
	n := MaxEntryStringBytes
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// keptFieldNames are the JSON names of the fields keepStrings keeps, in its order.
var keptFieldNames = [...]string{"method", "path", "bucket", "id", "access_key", "account", "invocation_id"}

// keepStrings copies each field's kept prefix and names the cut ones in e.Truncated
// by their JSON names. The kept copies share one allocation (they were one each, five
// of a Put's 26); the S3 method names and the default account, constants already,
// are not copied.
func (e *Entry) keepStrings() {
	fields := [len(keptFieldNames)]*string{&e.Method, &e.Path, &e.Bucket, &e.ID, &e.AccessKey, &e.Account, &e.InvocationID}
	var copied [len(fields)]string // the prefixes to copy; "" where a constant serves
	n := 0
	for i, f := range fields {
		k := keptPrefix(*f)
		if len(k) < len(*f) {
			e.Truncated = append(e.Truncated, keptFieldNames[i])
		}
		if c, ok := constantOf(k); ok {
			*f = c
			continue
		}
		copied[i] = k
		n += len(k)
	}
	var b strings.Builder
	b.Grow(n)
	for _, k := range copied {
		b.WriteString(k)
	}
	all := b.String() // one allocation: Grow made room for every prefix
	for i, f := range fields {
		if k := copied[i]; k != "" {
			*f, all = all[:len(k)], all[len(k):]
		}
	}
}

// constantOf returns the program's own string equal to s, for the strings most
// entries hold (the empty string, the methods S3 serves, the default account), so
// that keeping them pins nothing and copies nothing.
func constantOf(s string) (string, bool) {
	switch s {
	case "":
		return "", true
	case http.MethodGet:
		return http.MethodGet, true
	case http.MethodPut:
		return http.MethodPut, true
	case http.MethodHead:
		return http.MethodHead, true
	case http.MethodDelete:
		return http.MethodDelete, true
	case http.MethodPost:
		return http.MethodPost, true
	case DefaultAccount:
		return DefaultAccount, true
	}
	return "", false
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
