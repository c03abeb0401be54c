package control

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// HealthPath is the one control endpoint that needs no admin token, so that a
// container health check needs no secret.
const HealthPath = "/_mock/health"

// CodeUnauthorized is the code of a 401: an admin token is set and the request
// did not carry it as "Authorization: Bearer TOKEN".
const CodeUnauthorized = "UNAUTHORIZED"

// admin holds the settings of the sidecar's endpoints (health, reset, requests,
// state); see WithAdminToken, WithVersion and WithSnapshot.
type admin struct {
	token    string
	version  string
	started  time.Time
	snapshot func(*mock.State) (string, error)
	dropped  func() uint64 // nil: no request log of the control API's knowing
}

// WithAdminToken requires "Authorization: Bearer token" on every /_mock/ path but
// /_mock/health, else 401 UNAUTHORIZED (default: no token, every path open).
func WithAdminToken(token string) Option { return func(h *handler) { h.admin.token = token } }

// WithVersion sets the version GET /_mock/health reports (default "dev").
func WithVersion(v string) Option { return func(h *handler) { h.admin.version = v } }

// WithSnapshot makes POST /_mock/state/snapshot write the state with save, which
// returns where it went (the sidecar writes S3INVMOCK_STATE atomically). Default
// none: the endpoint answers 409 NO_SNAPSHOT_FILE.
func WithSnapshot(save func(*mock.State) (string, error)) Option {
	return func(h *handler) { h.admin.snapshot = save }
}

// WithLogDropped makes GET /_mock/health report request_log_dropped, the count
// dropped() returns of request log lines dropped so far (the sidecar's log drops
// lines rather than hold a request when stderr falls behind). Default none: the
// field is left out.
func WithLogDropped(dropped func() uint64) Option {
	return func(h *handler) { h.admin.dropped = dropped }
}

// adminRoutes registers health, reset, requests and state.
func (h *handler) adminRoutes() {
	h.admin.started = time.Now()
	if h.admin.version == "" {
		h.admin.version = "dev"
	}
	h.handle(http.MethodGet, HealthPath, h.health)
	h.handle(http.MethodPost, ResetPath, h.adminOnly(h.reset))
	h.requestRoutes()
	h.stateRoutes()
}

// authorized answers 401 and returns false when an admin token is set and the
// request does not carry it. path is the normalized control path.
func (h *handler) authorized(w http.ResponseWriter, r *http.Request, path string) bool {
	if h.admin.token == "" || path == HealthPath {
		return true
	}
	if subtle.ConstantTimeCompare([]byte(bearer(r.Header.Get("Authorization"))), []byte(h.admin.token)) == 1 {
		return true
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="s3invmock"`)
	WriteError(w, http.StatusUnauthorized, CodeUnauthorized,
		"this control endpoint needs the header Authorization: Bearer <S3INVMOCK_ADMIN_TOKEN>")
	return false
}

// bearer is the token of an Authorization header of the Bearer scheme, "" for any
// other. The scheme is case-insensitive (RFC 9110, section 11.1): "bearer" and
// "BEARER" are Bearer too.
func bearer(header string) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// Health is the data of GET /_mock/health.
type Health struct {
	Status  string  `json:"status"`
	Version string  `json:"version"`
	Uptime  float64 `json:"uptime_s"`
	// LogDropped is set with WithLogDropped only.
	LogDropped *uint64 `json:"request_log_dropped,omitempty"`
}

func (h *handler) health(w http.ResponseWriter, _ *http.Request) {
	health := Health{Status: "ok", Version: h.admin.version, Uptime: time.Since(h.admin.started).Seconds()}
	if h.admin.dropped != nil {
		n := h.admin.dropped()
		health.LogDropped = &n
	}
	WriteData(w, http.StatusOK, health)
}

// ResetPath empties the state, clears the scenario and empties the journal.
const ResetPath = "/_mock/reset"

func (h *handler) reset(w http.ResponseWriter, _ *http.Request) {
	h.engine.Clear()
	h.srv.Reset()
	WriteData(w, http.StatusOK, map[string]string{"status": "reset"})
}
