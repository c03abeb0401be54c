package control

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// DeliveriesPath is the inventory delivery endpoint. POST {"bucket": "...", "id":
// "..."} delivers one configuration now and answers its record; {"bucket": "..."}
// delivers every enabled configuration of the bucket, and an empty body every
// enabled configuration of every bucket, answering the list of records. A delivery
// S3 could not make is still 200: its record says "failed" and why. A missing bucket
// or configuration is 404. GET lists the records, oldest first, filtered by bucket,
// id and since (a seq, exclusive, or an RFC 3339 time, inclusive, of completedAt).
const DeliveriesPath = "/_mock/inventory/deliveries"

func (h *handler) deliveryRoutes() {
	h.handle(http.MethodPost, DeliveriesPath, h.postDelivery)
	h.handle(http.MethodGet, DeliveriesPath, h.listDeliveries)
}

// DeliveryRequest is the body of POST /_mock/inventory/deliveries.
type DeliveryRequest struct {
	Bucket string `json:"bucket"`
	ID     string `json:"id"`
}

func (h *handler) postDelivery(w http.ResponseWriter, r *http.Request) {
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	var req DeliveryRequest
	if len(bytes.TrimSpace(body)) > 0 {
		if err := jsonStrict(body, &req); err != nil {
			WriteError(w, http.StatusBadRequest, CodeValidation,
				"want a JSON object {\"bucket\": \"...\", \"id\": \"...\"} or an empty body: "+err.Error())
			return
		}
	}
	switch {
	case req.Bucket == "" && req.ID != "":
		WriteError(w, http.StatusBadRequest, CodeValidation, "id needs a bucket",
			Detail{Path: "bucket", Message: "required with id"})
	case req.Bucket == "":
		ds, _ := h.srv.DeliverAll() // failures are in the records
		WriteData(w, http.StatusOK, ds)
	case req.ID == "":
		ds, err := h.srv.DeliverBucket(req.Bucket)
		if errors.Is(err, mock.NoSuchBucket) {
			WriteError(w, http.StatusNotFound, CodeNoSuchBucket, "bucket "+quote(req.Bucket)+" does not exist")
			return
		}
		WriteData(w, http.StatusOK, ds)
	default:
		d, err := h.srv.Deliver(req.Bucket, req.ID)
		switch {
		case errors.Is(err, mock.NoSuchBucket):
			WriteError(w, http.StatusNotFound, CodeNoSuchBucket, "bucket "+quote(req.Bucket)+" does not exist")
		case errors.Is(err, mock.NoSuchConfiguration):
			WriteError(w, http.StatusNotFound, CodeNoSuchConfiguration,
				"bucket "+quote(req.Bucket)+" has no inventory configuration "+quote(req.ID))
		default:
			WriteData(w, http.StatusOK, d)
		}
	}
}

func (h *handler) listDeliveries(w http.ResponseWriter, r *http.Request) {
	var bucket, id string
	var afterSeq uint64
	var from time.Time
	for key, vs := range r.URL.Query() {
		v := vs[len(vs)-1]
		switch key {
		case "bucket":
			bucket = v
		case "id":
			id = v
		case "since":
			if n, err := strconv.ParseUint(v, 10, 64); err == nil {
				afterSeq = n
			} else if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
				from = t
			} else {
				d := Detail{Path: "since", Message: "want a sequence number (seq of a record) or an RFC 3339 time, got " + strconv.Quote(v)}
				WriteError(w, http.StatusBadRequest, CodeValidation, d.Path+": "+d.Message, d)
				return
			}
		default:
			d := Detail{Path: key, Message: "unknown filter; known: bucket, id, since"}
			WriteError(w, http.StatusBadRequest, CodeValidation, d.Path+": "+d.Message, d)
			return
		}
	}
	out := []mock.Delivery{}
	for _, d := range h.srv.Deliveries() {
		if (bucket == "" || d.Bucket == bucket) && (id == "" || d.ID == id) && d.Seq > afterSeq &&
			(from.IsZero() || !d.CompletedAt.Before(from)) {
			out = append(out, d)
		}
	}
	WriteData(w, http.StatusOK, out)
}
