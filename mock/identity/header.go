package identity

import "net/http"

// FirstValue is h.Get(key) for a key already in canonical form: net/http stores
// request headers under canonical keys, and Header.Get would canonicalize key again on
// every call (a few percent of a Get's CPU, for the headers every request reads).
func FirstValue(h http.Header, canonicalKey string) string {
	if v := h[canonicalKey]; len(v) > 0 {
		return v[0]
	}
	return ""
}
