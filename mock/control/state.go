package control

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/s3invmock/s3invmock/mock"
)

// The state endpoints: the seed/snapshot format of mock.State.
const (
	// StatePath: GET answers the state (JSON, unsealed), PUT replaces it from a seed
	// document (YAML or JSON) or from GET's whole answer, envelope and all; a refused
	// one changes nothing.
	StatePath = "/_mock/state"
	// SnapshotPath: POST writes the state to the snapshot file (WithSnapshot).
	SnapshotPath = "/_mock/state/snapshot"
	// CodeNoSnapshotFile answers a snapshot request when no file is configured.
	CodeNoSnapshotFile = "NO_SNAPSHOT_FILE"
)

func (h *handler) stateRoutes() {
	h.handle(http.MethodGet, StatePath, h.getState)
	h.handle(http.MethodPut, StatePath, h.adminOnly(h.putState))
	h.handle(http.MethodPost, SnapshotPath, h.adminOnly(h.snapshotState))
}

func (h *handler) getState(w http.ResponseWriter, _ *http.Request) {
	WriteData(w, http.StatusOK, h.shown(h.srv.State()))
}

// StateSummary is the data of a successful PUT /_mock/state or snapshot.
type StateSummary struct {
	File           string `json:"file,omitempty"`
	Buckets        int    `json:"buckets"`
	Configurations int    `json:"configurations"`
	Accounts       int    `json:"accounts"`
}

func summarize(st *mock.State) StateSummary {
	s := StateSummary{Buckets: len(st.Buckets), Accounts: len(st.Accounts)}
	for _, b := range st.Buckets {
		s.Configurations += len(b.Inventory)
	}
	return s
}

// putState replaces the state with the body, a seed document in YAML or JSON (told
// apart by content), or what GET answered: {"success": true, "data": STATE} is read
// as STATE, so that a saved GET can be sent back as is. Every problem comes back as a
// detail with its path and line (in an envelope, the envelope's line).
func (h *handler) putState(w http.ResponseWriter, r *http.Request) {
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	st, err := mock.ParseState(unwrapData(body))
	if err == nil {
		err = h.srv.LoadState(st)
	}
	var se *mock.StateError
	if errors.As(err, &se) {
		details := make([]Detail, len(se.Problems))
		for i, p := range se.Problems {
			line, path := p.Line, p.Path
			p.Line, p.Path = 0, ""
			details[i] = Detail{Path: path, Line: line, Message: p.Error()}
		}
		WriteError(w, http.StatusBadRequest, CodeValidation, "the state was refused; nothing changed", details...)
		return
	}
	if err != nil {
		WriteError(w, http.StatusBadRequest, CodeValidation, err.Error())
		return
	}
	WriteData(w, http.StatusOK, summarize(st))
}

func (h *handler) snapshotState(w http.ResponseWriter, _ *http.Request) {
	if h.admin.snapshot == nil {
		WriteError(w, http.StatusConflict, CodeNoSnapshotFile,
			"no snapshot file is configured (S3INVMOCK_STATE or -state)")
		return
	}
	st := h.srv.State()
	file, err := h.admin.snapshot(st)
	if err != nil {
		WriteError(w, http.StatusInternalServerError, CodeInternal, "snapshot: "+err.Error())
		return
	}
	sum := summarize(st)
	sum.File = file
	WriteData(w, http.StatusOK, sum)
}

// unwrapData returns the data of a successful envelope, {"success": true, "data":
// ...} and nothing else, or body itself. A seed document has neither key at its top
// (ParseState refuses unknown keys), so the two cannot be confused.
func unwrapData(body []byte) []byte {
	var env struct {
		Success *bool           `json:"success"`
		Data    json.RawMessage `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if dec.Decode(&env) != nil || env.Success == nil || !*env.Success || env.Data == nil || dec.More() {
		return body
	}
	if _, err := dec.Token(); err != io.EOF {
		return body
	}
	// Keep the envelope's lines in the problems: the data as far down as it was.
	at := max(bytes.Index(body, env.Data), 0)
	return append(bytes.Repeat([]byte("\n"), bytes.Count(body[:at], []byte("\n"))), env.Data...)
}
