package control

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// RequestsPath is the journal: GET lists it (newest last), DELETE empties it.
const RequestsPath = "/_mock/requests"

func (h *handler) requestRoutes() {
	h.handle(http.MethodGet, RequestsPath, h.listRequests)
	h.handle(http.MethodDelete, RequestsPath, h.clearRequests)
}

// requestFilter is the query of GET /_mock/requests.
type requestFilter struct {
	operation mock.Operation
	bucket    string
	afterSeq  uint64    // since=N: entries with a sequence number above N
	from      time.Time // since=RFC 3339 time: entries received at or after it
}

// listRequests answers the journal's entries, oldest first, filtered by operation
// (an operation name), bucket, and since (a sequence number, exclusive, or an RFC
// 3339 time, inclusive). Every other query key is refused, so a typo is not a
// silently empty answer.
func (h *handler) listRequests(w http.ResponseWriter, r *http.Request) {
	f, bad := parseRequestFilter(r)
	if bad != nil {
		WriteError(w, http.StatusBadRequest, CodeValidation, bad.Path+": "+bad.Message, *bad)
		return
	}
	out := []mock.Entry{}
	for _, e := range h.srv.Journal() {
		if f.matches(e) {
			out = append(out, e)
		}
	}
	WriteData(w, http.StatusOK, out)
}

func (h *handler) clearRequests(w http.ResponseWriter, _ *http.Request) {
	h.srv.ClearJournal()
	WriteData(w, http.StatusOK, []mock.Entry{})
}

func parseRequestFilter(r *http.Request) (requestFilter, *Detail) {
	var f requestFilter
	for key, vs := range r.URL.Query() {
		v := vs[len(vs)-1]
		switch key {
		case "operation":
			if !knownOperation(mock.Operation(v)) {
				return f, &Detail{Path: "operation", Message: "unknown operation " + strconv.Quote(v) +
					"; use an AWS operation name such as GetBucketInventoryConfiguration"}
			}
			f.operation = mock.Operation(v)
		case "bucket":
			f.bucket = v
		case "since":
			if n, err := strconv.ParseUint(v, 10, 64); err == nil {
				f.afterSeq = n
			} else if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
				f.from = t
			} else {
				return f, &Detail{Path: "since", Message: "want a sequence number (seq of an entry) or an RFC 3339 time, got " + strconv.Quote(v)}
			}
		default:
			return f, &Detail{Path: key, Message: "unknown filter; known: operation, bucket, since"}
		}
	}
	return f, nil
}

func knownOperation(op mock.Operation) bool {
	return slices.Contains(mock.Operations(), op) || op == mock.UnsupportedOperation
}

func (f requestFilter) matches(e mock.Entry) bool {
	return (f.operation == "" || e.Operation == f.operation) &&
		(f.bucket == "" || e.Bucket == f.bucket) &&
		e.Seq > f.afterSeq &&
		(f.from.IsZero() || !e.Time.Before(f.from))
}
