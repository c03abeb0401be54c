package mock

import (
	"sort"
	"strings"

	"github.com/s3invmock/s3invmock/mock/object"
)

// This file walks a bucket's versions as the listings and reads see them: each key's
// current version (the one marked IsLatest), skipped when it is a delete marker.

// MaxKeys is the default and the cap of a listing page (documented).
const MaxKeys = 1000

// listEntry is one item of a listing page: an object's current version, or a common
// prefix (obj nil).
type listEntry struct {
	obj    *object.Stored
	prefix string
}

// name is the key or the common prefix.
func (e listEntry) name() string {
	if e.obj != nil {
		return e.obj.Key()
	}
	return e.prefix
}

// listQuery is what a listing asks for, both versions alike.
type listQuery struct {
	prefix, delimiter string
	after             string // exclusive: start-after, marker or the token's key
	max               int
}

// listResult is one page; truncated says more entries follow the last.
type listResult struct {
	entries   []listEntry
	contents  int // how many entries are objects
	truncated bool
}

// current returns the current version of the key whose versions start at vs[i], and
// the index of the next key's first version. ok is false when the key has no current
// version or it is a delete marker.
func current(vs []object.Stored, i int) (cur *object.Stored, next int, ok bool) {
	key := vs[i].Key()
	for next = i; next < len(vs) && vs[next].Key() == key; next++ {
		if cur == nil && vs[next].IsLatest() {
			cur = &vs[next]
		}
	}
	return cur, next, cur != nil && !cur.IsDeleteMarker()
}

// scanList builds one page from a bucket's sorted versions. A common prefix counts
// once against max; a key whose current version is a delete marker makes none.
func scanList(vs []object.Stored, q listQuery) listResult {
	var res listResult
	start, inclusive, skip := q.prefix, true, ""
	if q.after != "" && q.after >= q.prefix {
		start, inclusive = q.after, false
		// Resuming after a common prefix skips every key under it.
		if q.delimiter != "" && strings.HasPrefix(q.after, q.prefix) && strings.HasSuffix(q.after, q.delimiter) {
			skip = q.after
		}
	}
	i := sort.Search(len(vs), func(i int) bool { k := vs[i].Key(); return k > start || inclusive && k == start })
	if skip != "" {
		i = pastPrefix(vs, i, skip)
	}
	for i < len(vs) {
		key := vs[i].Key()
		if !strings.HasPrefix(key, q.prefix) {
			break
		}
		cur, next, ok := current(vs, i)
		if !ok {
			i = next
			continue
		}
		cp := ""
		if q.delimiter != "" {
			if j := strings.Index(key[len(q.prefix):], q.delimiter); j >= 0 {
				cp = key[:len(q.prefix)+j+len(q.delimiter)]
			}
		}
		if len(res.entries) == q.max {
			res.truncated = true
			break
		}
		if cp != "" {
			res.entries = append(res.entries, listEntry{prefix: cp})
			i = pastPrefix(vs, next, cp)
			continue
		}
		res.entries = append(res.entries, listEntry{obj: cur})
		res.contents++
		i = next
	}
	return res
}

// pastPrefix is the index of the first version at or after i whose key does not start
// with p (keys under p are contiguous in byte order).
func pastPrefix(vs []object.Stored, i int, p string) int {
	return i + sort.Search(len(vs)-i, func(j int) bool {
		k := vs[i+j].Key()
		return k > p && !strings.HasPrefix(k, p)
	})
}

// findObject returns the version a read names: the current one (versionID absent),
// or the version with that id ("null" is the null version); nil when there is none.
// The caller tells a delete marker by its flag.
func findObject(vs []object.Stored, key, versionID string, byVersion bool) (v *object.Stored, keyExists bool) {
	i := sort.Search(len(vs), func(i int) bool { return vs[i].Key() >= key })
	if byVersion && versionID == "null" {
		versionID = ""
	}
	for ; i < len(vs) && vs[i].Key() == key; i++ {
		keyExists = true
		if byVersion && vs[i].VersionID() == versionID || !byVersion && vs[i].IsLatest() {
			return &vs[i], true
		}
	}
	return nil, keyExists
}
