package control

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Envelope is the JSON body of every control API answer:
// {"success": true, "data": ...} or {"success": false, "error": {...}}.
type Envelope struct {
	Success bool     `json:"success"`
	Data    any      `json:"data,omitempty"`
	Error   *Problem `json:"error,omitempty"`
}

// Problem is the error of a failed control request.
type Problem struct {
	// Code is one of the Code constants, stable for clients to switch on.
	Code    string `json:"code"`
	Message string `json:"message"`
	// Details lists field-level problems (a scenario's validation errors).
	Details []Detail `json:"details,omitempty"`
}

// Detail is one field-level problem: the field's path (rules[0].action.error), what
// is wrong, and where known the rule's name and the line of the document.
type Detail struct {
	Path    string `json:"path"`
	Message string `json:"message"`
	Rule    string `json:"rule,omitempty"`
	Line    int    `json:"line,omitempty"`
}

// The codes of Problem.
const (
	CodeValidation           = "VALIDATION_ERROR"       // 400: the body says something invalid
	CodeBadRequest           = "BAD_REQUEST"            // 400: the request cannot be read at all
	CodeNotFound             = "NOT_FOUND"              // 404: no control endpoint at this path
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"     // 405: the endpoint exists, the method does not
	CodeBodyTooLarge         = "BODY_TOO_LARGE"         // 413: past the limit of WithMaxBodyBytes
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE" // 415: a Content-Type the endpoint does not read
	CodeInternal             = "INTERNAL_ERROR"         // 500: a bug of the fake
)

// WriteData answers status with {"success": true, "data": data}.
func WriteData(w http.ResponseWriter, status int, data any) {
	writeEnvelope(w, status, Envelope{Success: true, Data: data})
}

// WriteProblem answers status with {"success": false, "error": p}.
func WriteProblem(w http.ResponseWriter, status int, p Problem) {
	writeEnvelope(w, status, Envelope{Error: &p})
}

// WriteError answers status with a Problem of code and message and optional details.
func WriteError(w http.ResponseWriter, status int, code, message string, details ...Detail) {
	WriteProblem(w, status, Problem{Code: code, Message: message, Details: details})
}

func writeEnvelope(w http.ResponseWriter, status int, env Envelope) {
	body, err := encodeJSON(env)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = encodeJSON(Envelope{Error: &Problem{Code: CodeInternal, Message: "cannot encode the answer: " + err.Error()}})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// encodeJSON is v as one line of JSON and a newline, without HTML escaping: a
// configuration document reads as <InventoryConfiguration ...>, not as
// \u003cInventoryConfiguration, and a journal's "a&b" as itself. No answer of the
// control API is meant for a browser's HTML.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
