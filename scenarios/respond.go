package scenarios

import (
	"net/http"
	"strconv"
)

// literal answers with exactly the status, headers and body a rule gives.
type literal struct{ *Respond }

func (a literal) serve(ex *exchange) {
	h := ex.w.Header()
	for k, v := range a.Headers {
		h.Set(k, v)
	}
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = nil // exactly the headers given: no type sniffed by net/http
	}
	if ex.r.Method == http.MethodHead {
		ex.w.WriteHeader(a.Status)
		return
	}
	if h.Get("Content-Length") == "" {
		h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	}
	ex.w.WriteHeader(a.Status)
	_, _ = ex.w.Write([]byte(a.Body))
}
