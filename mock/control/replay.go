package control

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/mock/yamldoc"
)

// Paths of the capture, export and replay endpoints.
const (
	// CapturePath: GET tells whether full exchanges are kept, PUT {"enabled": bool}
	// switches it.
	CapturePath = "/_mock/capture"
	// ExportPath: GET answers the journal as a replay bundle, YAML unless ?format=json
	// or an Accept naming JSON; the bundle itself, not an envelope, so that it can be
	// saved as it comes.
	ExportPath = "/_mock/requests/export"
	// ReplayPath: PUT loads a bundle (JSON or YAML, told by content): its seed
	// replaces the state, its scenario the scenario, and the journal is emptied.
	ReplayPath = "/_mock/replay"
)

// CodeCaptureOff is the code of a 409 from the export: entries were answered while
// capture was off, so their bodies are unknown.
const CodeCaptureOff = "CAPTURE_OFF"

// baseline is the state before the first request an export covers: the state when
// the control API started, or the seed of the last replay loaded.
type baseline struct {
	mu    sync.Mutex
	seed  *mock.State
	after uint64 // the journal's LastSeq when seed was taken
}

// Capture is the data of GET and PUT /_mock/capture.
type Capture struct {
	Enabled bool `json:"enabled"`
}

// WithInferredSeed makes the export infer its seed from the recorded answers
// (replay.InferSeed) instead of starting from the state the control API began with:
// for a recording proxy, whose own state says nothing about the upstream's. Default:
// the state at start.
func WithInferredSeed() Option {
	return func(h *handler) {
		h.handle(http.MethodGet, ExportPath, func(w http.ResponseWriter, r *http.Request) {
			h.exportEntries(w, r, h.srv.Journal(), nil)
		})
	}
}

func (h *handler) replayRoutes() {
	// The baseline is taken only while capture is on (or when it is switched on): an
	// export needs captured exchanges anyway, and a copy of a large seeded state held
	// for nothing doubles the sidecar's memory (a million configurations: 560 MB).
	b := &baseline{}
	if h.srv.Capture() {
		b.take(h.srv)
	}
	h.handle(http.MethodGet, CapturePath, func(w http.ResponseWriter, _ *http.Request) {
		WriteData(w, http.StatusOK, Capture{Enabled: h.srv.Capture()})
	})
	h.handle(http.MethodPut, CapturePath, func(w http.ResponseWriter, r *http.Request) { h.putCapture(w, r, b) })
	if h.routes[ExportPath][http.MethodGet] == nil { // WithInferredSeed registers its own
		h.handle(http.MethodGet, ExportPath, func(w http.ResponseWriter, r *http.Request) {
			entries, seed := b.since(h.srv)
			h.exportEntries(w, r, entries, seed)
		})
	}
	h.handle(http.MethodPut, ReplayPath, h.adminOnly(func(w http.ResponseWriter, r *http.Request) { h.putReplay(w, r, b) }))
}

func (h *handler) putCapture(w http.ResponseWriter, r *http.Request, b *baseline) {
	var c Capture
	if !h.readJSON(w, r, &c) {
		return
	}
	if c.Enabled && !h.srv.Capture() {
		b.take(h.srv) // an export covers what is captured from now on
	}
	h.srv.SetCapture(c.Enabled)
	WriteData(w, http.StatusOK, c)
}

// readJSON reads a small JSON body into v, answering 400 when it cannot.
func (h *handler) readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	body, ok := h.readBody(w, r)
	if !ok {
		return false
	}
	if err := jsonStrict(body, v); err != nil {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, "want {\"enabled\": true|false}: "+err.Error())
		return false
	}
	return true
}

// jsonStrict decodes one JSON value, refusing unknown fields and anything after it.
func jsonStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// readBody reads a control request body within the limit of WithMaxBodyBytes.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			WriteError(w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge, err.Error())
		} else {
			WriteError(w, http.StatusBadRequest, CodeBadRequest, "cannot read the body: "+err.Error())
		}
		return nil, false
	}
	return body, true
}

// take makes the server's state now the start of the next export.
func (b *baseline) take(srv *mock.Server) {
	seed, after := srv.State(), srv.LastSeq()
	b.mu.Lock()
	b.seed, b.after = seed, after
	b.mu.Unlock()
}

// since returns the journal entries an export covers and the seed they start
// from: the baseline when the journal still holds every entry since it was taken,
// else nil (the export then infers the seed from the answers).
func (b *baseline) since(srv *mock.Server) ([]mock.Entry, *mock.State) {
	b.mu.Lock()
	seed, after := b.seed, b.after
	b.mu.Unlock()
	var entries []mock.Entry
	for _, e := range srv.Journal() {
		if e.Seq > after {
			entries = append(entries, e)
		}
	}
	if len(entries) > 0 && entries[0].Seq != after+1 {
		seed = nil // cleared or dropped since: the baseline no longer precedes them
	}
	return entries, seed
}

// exportEntries answers entries as a bundle that starts from seed (nil: inferred).
func (h *handler) exportEntries(w http.ResponseWriter, r *http.Request, entries []mock.Entry, seed *mock.State) {
	bundle, err := replay.Export(entries, h.shown(seed))
	if err != nil {
		WriteError(w, http.StatusConflict, CodeCaptureOff, err.Error())
		return
	}
	WriteBundle(w, r, bundle)
}

// WriteBundle answers a bundle as a file: JSON when ?format=json or the Accept header
// names JSON, else YAML.
func WriteBundle(w http.ResponseWriter, r *http.Request, bundle *replay.Bundle) {
	format := r.URL.Query().Get("format")
	if format == "" && strings.Contains(r.Header.Get("Accept"), "json") {
		format = "json"
	}
	var (
		data []byte
		err  error
	)
	contentType, name := "application/yaml", "s3invmock-replay.yaml"
	switch format {
	case "json":
		data, err = bundle.JSON()
		contentType, name = "application/json", "s3invmock-replay.json"
	case "", "yaml":
		data, err = bundle.YAML()
	default:
		WriteError(w, http.StatusBadRequest, CodeValidation, "format: want yaml or json, got "+format)
		return
	}
	if err != nil {
		WriteError(w, http.StatusInternalServerError, CodeInternal, "cannot render the bundle: "+err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

// Replayed is the data of PUT /_mock/replay.
type Replayed struct {
	Buckets int `json:"buckets"`
	Rules   int `json:"rules"`
}

func (h *handler) putReplay(w http.ResponseWriter, r *http.Request, b *baseline) {
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	bundle, err := replay.Parse(body)
	if err == nil {
		err = bundle.Install(h.srv, h.engine)
	}
	if err != nil {
		var details []Detail
		var de *yamldoc.Error
		if errors.As(err, &de) {
			details = []Detail{{Line: de.Line, Message: de.Message}}
		}
		WriteError(w, http.StatusBadRequest, CodeValidation, "the bundle is invalid: "+err.Error(), details...)
		return
	}
	var out Replayed
	if bundle.Seed != nil {
		out.Buckets = len(bundle.Seed.Buckets)
	}
	if bundle.Scenario != nil {
		out.Rules = len(bundle.Scenario.Rules)
	}
	b.take(h.srv)
	WriteData(w, http.StatusOK, out)
}
