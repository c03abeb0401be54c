package control

import (
	"errors"
	"mime"
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/scenarios"
)

// ScenariosPath is the control endpoint of the running scenario.
const ScenariosPath = "/_mock/scenarios"

func (h *handler) scenarioRoutes() {
	h.handle(http.MethodPut, ScenariosPath, h.putScenario)
	h.handle(http.MethodGet, ScenariosPath, h.getScenario)
	h.handle(http.MethodDelete, ScenariosPath, h.deleteScenario)
	h.handle(http.MethodPost, ScenariosPath+"/reset", h.resetScenario)
}

// putScenario replaces the scenario with the body (JSON or YAML by Content-Type,
// sniffed when there is none). A bad one leaves the old scenario in force.
func (h *handler) putScenario(w http.ResponseWriter, r *http.Request) {
	format, ok := scenarioFormat(r.Header.Get("Content-Type"))
	if !ok {
		WriteError(w, http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			"send a scenario as application/json or application/yaml")
		return
	}
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	sc, err := scenarios.ParseAs(body, format)
	if err == nil {
		err = h.engine.Replace(sc)
	}
	if err != nil {
		writeInvalid(w, err)
		return
	}
	WriteData(w, http.StatusOK, h.engine.Status())
}

// getScenario answers the scenario document with each rule's matched and fired
// counts and the current state.
func (h *handler) getScenario(w http.ResponseWriter, _ *http.Request) {
	WriteData(w, http.StatusOK, h.engine.Status())
}

// resetScenario rewinds counters, state and random source, keeping the rules.
func (h *handler) resetScenario(w http.ResponseWriter, _ *http.Request) {
	h.engine.Reset()
	WriteData(w, http.StatusOK, h.engine.Status())
}

// deleteScenario clears the scenario: requests reach the fake S3 untouched.
func (h *handler) deleteScenario(w http.ResponseWriter, _ *http.Request) {
	h.engine.Clear()
	WriteData(w, http.StatusOK, h.engine.Status())
}

// writeInvalid answers 400 VALIDATION_ERROR with one detail per problem.
func writeInvalid(w http.ResponseWriter, err error) {
	var ve *scenarios.ValidationError
	if !errors.As(err, &ve) {
		WriteError(w, http.StatusBadRequest, CodeValidation, err.Error())
		return
	}
	details := make([]Detail, len(ve.Errors))
	for i, fe := range ve.Errors {
		details[i] = Detail{Path: fe.Path, Message: fe.Message, Rule: fe.Rule, Line: fe.Line}
	}
	msg := "the scenario is invalid: " + ve.Errors[0].Error()
	if n := len(ve.Errors); n > 1 {
		msg += " (and more, see details)"
	}
	WriteError(w, http.StatusBadRequest, CodeValidation, msg, details...)
}

// scenarioFormat maps a Content-Type to the document format; ok is false for a type
// that is neither JSON nor YAML. No type (or text/plain, octet-stream) sniffs.
func scenarioFormat(contentType string) (scenarios.Format, bool) {
	if contentType == "" {
		return scenarios.FormatAuto, true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return 0, false
	}
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return scenarios.FormatJSON, true
	case mt == "application/yaml" || mt == "application/x-yaml" || mt == "text/yaml" || mt == "text/x-yaml" || strings.HasSuffix(mt, "+yaml"):
		return scenarios.FormatYAML, true
	case mt == "text/plain" || mt == "application/octet-stream":
		return scenarios.FormatAuto, true
	}
	return 0, false
}
