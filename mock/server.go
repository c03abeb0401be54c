package mock

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gorilla/mux"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// Server is a fake Amazon S3 that serves buckets and their inventory configurations.
// It is an http.Handler: wrap it in httptest.NewServer in a test, or in an http.Server
// in the sidecar. Two Servers share nothing.
type Server struct {
	cfg     config
	hosts   []hostPattern
	router  *mux.Router
	noVars  map[string]string // the RouteMatch.Vars of every request: empty, never written (route.go)
	store   *store
	journal *journal
	tokens  tokens
	dates   dateCache
	hook    atomic.Pointer[hookBox]
	capture atomic.Bool
	auth    atomic.Pointer[identity.Mode]
	clock   Clock
	dhook   atomic.Pointer[deliveryHookBox]
}

type hookBox struct{ h Hook }

// New returns a Server configured by opts. It cannot fail: options only set fields.
func New(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		cfg:     cfg,
		hosts:   compileHosts(cfg.hosts),
		store:   newStore(cfg.maxBuckets),
		journal: newJournal(cfg.journalCap, cfg.capBudget),
		tokens:  newTokens(cfg.tokenKey),
	}
	s.SetHook(cfg.hook)
	s.capture.Store(cfg.capture)
	s.SetAuth(cfg.auth)
	s.SetDirectory(cfg.directory)
	s.clock.srv = s
	if cfg.simulated {
		s.clock.start(cfg.simStart)
	}
	s.SetDeliveryHook(cfg.deliveryHook)
	s.router = s.newRouter()
	s.noVars = map[string]string{}
	return s
}

// SetHook installs h for the requests that arrive from now on; nil removes the hook.
func (s *Server) SetHook(h Hook) {
	if h == nil {
		s.hook.Store(nil)
		return
	}
	s.hook.Store(&hookBox{h})
}

// SetCapture switches the keeping of full exchanges in the journal on or off.
func (s *Server) SetCapture(on bool) { s.capture.Store(on) }

// ControlPrefix is the path prefix of the control API; no bucket can be named "_mock"
// (a bucket name cannot contain "_"), so it never hides a bucket.
const ControlPrefix = "/_mock/"

// exchangeState is everything one request needs from the heap, in one allocation: the
// Call, the recorder, the request ids as header values, the parsed query and the
// route match.
type exchangeState struct {
	call  Call
	rec   recorder
	vals  [4]string         // x-amz-request-id, x-amz-id-2, Date, Server
	query [4]identity.Param // backs Call.Query: ?inventory&id=X&x-id=... fits
	match mux.RouteMatch
}

// ServeHTTP answers one S3 request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// One reading of the clock serves the timer and Received unless a test set its own
	// clock: time.Now is 85 ns on the 2-core CI machine (two vDSO calls).
	start := time.Now()
	received := start
	if s.cfg.ownClock {
		received = s.cfg.clock()
	}
	st := &exchangeState{}
	c := &st.call
	*c = Call{Method: r.Method, Path: r.URL.EscapedPath(), Host: r.Host, Header: r.Header, Received: received, req: r}
	c.RequestID, c.HostID = s.cfg.ids.Next()
	// Each answer owns its header values (strings are shared, slices are not), so a
	// hook that writes one in place cannot reach another answer.
	st.vals = [4]string{c.RequestID, c.HostID, s.dates.format(c.Received), "AmazonS3"}
	h := w.Header()
	// Lower-case keys, written as S3 writes them.
	h["x-amz-request-id"] = st.vals[0:1:1]
	h["x-amz-id-2"] = st.vals[1:2:2]
	h["Date"] = st.vals[2:3:3]
	h["Server"] = st.vals[3:4:4]
	if strings.HasPrefix(r.URL.Path, ControlPrefix) || r.URL.Path == "/_mock" {
		writeControlNotMounted(w)
		return
	}
	s.settle()
	s.route(r, c, st)
	s.resolveCaller(r, c)
	rec := &st.rec
	*rec = recorder{ResponseWriter: w, call: c, capture: s.capture.Load()}
	// Authentication comes before the hook: a refused request fires no scenario rule
	// and moves no scenario state, and rules matching accessKey or account see only
	// verified callers. With auth off it is a no-op, as before.
	if e := s.authenticate(r, c); e != nil {
		WriteError(rec, c, e)
	} else if hb := s.hook.Load(); hb != nil {
		hb.h.Handle(rec, r, c, func(w http.ResponseWriter, _ *http.Request) { s.answer(w, c) })
	} else {
		s.answer(rec, c)
	}
	s.record(r, c, rec, time.Since(start))
}

// writeControlNotMounted keeps /_mock/ out of S3's namespace when the control API is
// not in front of this server.
func writeControlNotMounted(w http.ResponseWriter) {
	body := `{"success":false,"error":{"code":"NOT_FOUND","message":"the control API is not mounted on this server"}}`
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(body))
}

// answer runs the operation a routed call names; the operation reads the request
// through the Call (its body through Server.body).
func (s *Server) answer(w http.ResponseWriter, c *Call) {
	if c.Err != nil {
		WriteError(w, c, c.Err)
		return
	}
	switch c.Operation {
	case PutBucketInventoryConfiguration:
		s.putInventory(w, c)
	case GetBucketInventoryConfiguration:
		s.getInventory(w, c)
	case DeleteBucketInventoryConfiguration:
		s.deleteInventory(w, c)
	case ListBucketInventoryConfigurations:
		s.listInventory(w, c)
	case CreateBucket:
		s.createBucket(w, c)
	case HeadBucket:
		s.headBucket(w, c)
	case DeleteBucket:
		s.deleteBucket(w, c)
	case ListBuckets:
		s.listBuckets(w, c)
	case ListObjectsV2:
		s.listObjects(w, c, true)
	case ListObjects:
		s.listObjects(w, c, false)
	case GetObject, HeadObject:
		s.getObject(w, c)
	default:
		WriteError(w, c, notImplemented(c))
	}
}

// notImplemented answers any S3 operation the fake does not serve. C: S3 names the
// offending header in <Header>; we name the subresource (or nothing for object and
// listing operations), since no header is to blame.
func notImplemented(c *Call) *Error {
	name := ""
	for _, p := range c.Query {
		if bucketSelectors[p.Key] && (name == "" || p.Key < name) {
			name = p.Key
		}
	}
	return NewError(NotImplemented, Member{Name: "Header", Value: name})
}
