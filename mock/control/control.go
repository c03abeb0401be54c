package control

import (
	"net/http"
	"slices"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// DefaultMaxBodyBytes is the largest control request body read: a scenario of
// thousands of rules fits, a runaway upload does not.
const DefaultMaxBodyBytes = 1 << 20

// Option configures the control API.
type Option func(*handler)

// WithMaxBodyBytes caps the request bodies the control API reads (default
// DefaultMaxBodyBytes); a larger one answers 413 BODY_TOO_LARGE.
func WithMaxBodyBytes(n int64) Option { return func(h *handler) { h.maxBody = n } }

// handler serves /_mock/... itself and every other path through the fake S3.
type handler struct {
	srv     *mock.Server
	engine  *scenarios.Engine
	maxBody int64
	routes  map[string]map[string]http.HandlerFunc // path -> method -> endpoint
	admin   admin                                  // health, reset, requests, state (admin.go)
}

// New returns the fake S3 srv with the control API in front of it on the same
// listener: paths under /_mock/ are the control API (a JSON envelope), every other
// path reaches srv. It installs engine as srv's hook, so that scenarios sent to the
// control API take effect.
func New(srv *mock.Server, engine *scenarios.Engine, opts ...Option) http.Handler {
	h := &handler{srv: srv, engine: engine, maxBody: DefaultMaxBodyBytes, routes: map[string]map[string]http.HandlerFunc{}}
	for _, o := range opts {
		o(h)
	}
	srv.SetHook(engine)
	h.scenarioRoutes()
	h.adminRoutes()
	h.replayRoutes()
	h.objectRoutes()
	h.deliveryRoutes()
	h.clockRoutes()
	return h
}

// handle registers one endpoint; each concern's file registers its own.
func (h *handler) handle(method, path string, f http.HandlerFunc) {
	if h.routes[path] == nil {
		h.routes[path] = map[string]http.HandlerFunc{}
	}
	h.routes[path][method] = f
}

// ServeHTTP implements http.Handler.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if path != "/_mock" && !strings.HasPrefix(path, mock.ControlPrefix) {
		h.srv.ServeHTTP(w, r)
		return
	}
	if len(path) > len(mock.ControlPrefix) {
		path = strings.TrimSuffix(path, "/")
	}
	if !h.authorized(w, r, path) {
		return
	}
	path = bucketPath(r, path)
	methods, ok := h.routes[path]
	if !ok {
		WriteError(w, http.StatusNotFound, CodeNotFound, "no control endpoint at "+r.URL.Path)
		return
	}
	f, ok := methods[r.Method]
	if !ok {
		allowed := make([]string, 0, len(methods))
		for m := range methods {
			allowed = append(allowed, m)
		}
		slices.Sort(allowed)
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		WriteError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			r.Method+" is not allowed on "+path+"; allowed: "+strings.Join(allowed, ", "))
		return
	}
	f(w, r)
}
