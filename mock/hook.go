package mock

import "net/http"

// Hook sees every S3 request after routing and before identity and the operation run.
// It is how package scenarios injects faults without mock importing it.
//
// A Hook either answers the request itself (WriteError for an S3 error, a literal
// response, a broken connection) or calls next to let the fake S3 answer, possibly after
// a delay and with a wrapped writer (bandwidth limits) or a reshaped Call (List page
// traps). It appends the names of the rules that fired to call.FiredRules so that the
// journal can show them.
type Hook interface {
	Handle(w http.ResponseWriter, r *http.Request, call *Call, next http.HandlerFunc)
}

// HookFunc adapts a function to Hook.
type HookFunc func(w http.ResponseWriter, r *http.Request, call *Call, next http.HandlerFunc)

// Handle calls f.
func (f HookFunc) Handle(w http.ResponseWriter, r *http.Request, call *Call, next http.HandlerFunc) {
	f(w, r, call, next)
}
