package identity

import (
	"net/url"
	"strings"
)

// Param is one query parameter after percent-decoding.
type Param struct{ Key, Value string }

// Query is a request's query string as S3 reads it, parameters in the order sent.
// Routing parses it once (ParseQuery); the signature checks read the same value, so
// that what the operation acts on is what was signed.
type Query []Param

// ParseQuery splits a raw query as sent. A key without "=" has the empty value
// (?inventory is inventory=), empty segments are skipped, and '+' is a space, as S3
// reads query strings. A key or value with a broken escape ("%zz") is kept literally
// rather than dropped, so that it still takes part in the canonical query.
func ParseQuery(raw string) Query {
	if raw == "" {
		return nil
	}
	return AppendQuery(make(Query, 0, strings.Count(raw, "&")+1), raw)
}

// AppendQuery is ParseQuery appending to q, so that a request can parse its query into
// memory it already has (mock's exchangeState).
func AppendQuery(q Query, raw string) Query {
	for segment := range strings.SplitSeq(raw, "&") {
		if segment == "" {
			continue
		}
		k, v, _ := strings.Cut(segment, "=")
		q = append(q, Param{Key: decodeComponent(k), Value: decodeComponent(v)})
	}
	return q
}

func decodeComponent(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s // nothing to decode, nothing to allocate
	}
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// Get returns the value of the first parameter called key (case-sensitive).
func (q Query) Get(key string) (string, bool) {
	for _, p := range q {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// Has reports whether a parameter called key was sent, with or without a value.
func (q Query) Has(key string) bool {
	_, ok := q.Get(key)
	return ok
}
