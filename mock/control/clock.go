package control

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// ClockPath is the inventory clock's endpoint. GET answers the clock; POST
// {"advance": "72h"} (a Go duration, not negative) or {"set": "2026-12-06T00:00:00Z"}
// (RFC 3339) steps it and runs the deliveries due in the span, oldest first. Both
// answer {"now": RFC 3339, "simulated": bool, "deliveries": [records]}. A body with
// neither or both, a bad value, or a set before the simulated now is 400
// VALIDATION_ERROR, and the clock stays.
const ClockPath = "/_mock/clock"

func (h *handler) clockRoutes() {
	h.handle(http.MethodGet, ClockPath, h.getClock)
	h.handle(http.MethodPost, ClockPath, h.postClock)
}

// ClockRequest is the body of POST /_mock/clock: one of Advance or Set.
type ClockRequest struct {
	Advance *string `json:"advance"`
	Set     *string `json:"set"`
}

// ClockAnswer is the data of both answers of ClockPath.
type ClockAnswer struct {
	Now        string          `json:"now"`
	Simulated  bool            `json:"simulated"`
	Deliveries []mock.Delivery `json:"deliveries"`
}

func (h *handler) clockAnswer(ds []mock.Delivery) ClockAnswer {
	c := h.srv.Clock()
	if ds == nil {
		ds = []mock.Delivery{}
	}
	return ClockAnswer{Now: c.Now().Format(time.RFC3339Nano), Simulated: c.Simulated(), Deliveries: ds}
}

func (h *handler) getClock(w http.ResponseWriter, _ *http.Request) {
	WriteData(w, http.StatusOK, h.clockAnswer(nil))
}

func (h *handler) postClock(w http.ResponseWriter, r *http.Request) {
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	var req ClockRequest
	if err := jsonStrict(body, &req); err != nil || (req.Advance == nil) == (req.Set == nil) {
		msg := `want a JSON object with one of {"advance": "72h"} or {"set": "2026-12-06T00:00:00Z"}`
		if err != nil {
			msg += ": " + err.Error()
		}
		WriteError(w, http.StatusBadRequest, CodeValidation, msg)
		return
	}
	var ds []mock.Delivery
	var err error
	if req.Advance != nil {
		d, perr := time.ParseDuration(*req.Advance)
		if perr != nil || d < 0 {
			bad := Detail{Path: "advance", Message: "want a Go duration that is not negative, such as 72h or 30m, got " + strconv.Quote(*req.Advance)}
			WriteError(w, http.StatusBadRequest, CodeValidation, bad.Path+": "+bad.Message, bad)
			return
		}
		ds, err = h.srv.Clock().Advance(d)
	} else {
		t, perr := time.Parse(time.RFC3339Nano, *req.Set)
		if perr != nil {
			bad := Detail{Path: "set", Message: "want an RFC 3339 time such as 2026-12-06T00:00:00Z, got " + strconv.Quote(*req.Set)}
			WriteError(w, http.StatusBadRequest, CodeValidation, bad.Path+": "+bad.Message, bad)
			return
		}
		ds, err = h.srv.Clock().Set(t)
	}
	if ce := (*mock.ClockError)(nil); errors.As(err, &ce) {
		bad := Detail{Path: "set", Message: ce.Error()}
		WriteError(w, http.StatusBadRequest, CodeValidation, bad.Path+": "+bad.Message, bad)
		return
	}
	WriteData(w, http.StatusOK, h.clockAnswer(ds))
}
