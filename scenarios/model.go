package scenarios

import (
	"encoding/json"
	"net/http"

	"github.com/s3invmock/s3invmock/mock"
)

// StartState is the state every scenario is in when it is installed or reset
// (WireMock-style steps: rules with when.state fire only in their state).
const StartState = "Started"

// Scenario is a list of rules that decide, per request, whether the fake answers
// normally, with an S3 error, late, or by breaking the connection. Build one with New,
// or read one with Parse or Load. The JSON form of a Scenario is the file format.
type Scenario struct {
	// Seed seeds every random choice (probability, latency); same seed, same run.
	// The default is 0, so an unseeded scenario is deterministic too.
	Seed uint64 `json:"seed,omitempty"`
	// Rules are evaluated in order for every request.
	Rules []Rule `json:"rules"`
}

// Rule is match + when + action: when a request matches and the trigger holds, the
// rule fires and its action applies.
type Rule struct {
	// Name is required and unique within a scenario; the journal lists it.
	Name   string `json:"name"`
	Match  Match  `json:"match,omitzero"`
	When   When   `json:"when,omitzero"`
	Action Action `json:"action,omitzero"`
}

// Match selects requests; every given field must hold, an empty field matches all.
// Bucket, Key, ID, AccessKey, Account and header values are globs with * and ?.
type Match struct {
	// Operation is one or more AWS operation names.
	Operation Operations `json:"operation,omitempty"`
	Bucket    string     `json:"bucket,omitempty"`
	// Key is the object key of a read (GetObject, HeadObject), percent-decoded; a glob
	// on it never matches a call without a key.
	Key string `json:"key,omitempty"`
	// ID is the ?id query value.
	ID string `json:"id,omitempty"`
	// Method is an HTTP method, compared without regard to case.
	Method string `json:"method,omitempty"`
	// AccessKey is the key id of the SigV4 Authorization header or presigned query.
	AccessKey string `json:"accessKey,omitempty"`
	// Account is the caller's account id as identity resolved it.
	Account string `json:"account,omitempty"`
	// Headers maps a header name (any case) to a glob; a missing header never matches.
	Headers map[string]string `json:"headers,omitempty"`
	// Delivery makes the rule match inventory deliveries instead of requests; with it,
	// no other match field may be given.
	Delivery *DeliveryMatch `json:"delivery,omitempty"`
}

// When is the trigger. Its counters count only the requests (for a delivery rule, the
// deliveries) that matched the rule.
// Zero values mean "no condition".
type When struct {
	// After lets the first After matches through and fires from the next one on.
	After int `json:"after,omitempty"`
	// Times caps how often the rule fires; then it stands aside.
	Times int `json:"times,omitempty"`
	// Every fires on every Every-th match (counted after After).
	Every int `json:"every,omitempty"`
	// Probability fires with this chance, drawn from the scenario's seeded source.
	// Nil means always; 0 means never.
	Probability *float64 `json:"probability,omitempty"`
	// State fires only while the scenario's state is this, as it was on arrival.
	State string `json:"state,omitempty"`
}

// Action is what a fired rule does. Error, Respond and Fault answer the request (the
// first fired rule with one of them decides). The rest combine over all fired rules:
// latencies add up, the lowest bandwidth applies, the first page applies, and the
// last setState is the state the next request finds.
type Action struct {
	Error     *ErrorSpec `json:"error,omitempty"`
	Latency   *Latency   `json:"latency,omitempty"`
	Bandwidth Bandwidth  `json:"bandwidth,omitempty"`
	Respond   *Respond   `json:"respond,omitempty"`
	Fault     *Fault     `json:"fault,omitempty"`
	SetState  string     `json:"setState,omitempty"`
	Page      *Page      `json:"page,omitempty"`
	// Stale makes the configuration calls the rule matches lag behind changes.
	Stale *Stale `json:"stale,omitempty"`
	// DeliveryFaults are the actions of a rule with match.delivery (late, skip,
	// split, ...); their keys sit in action itself.
	DeliveryFaults
}

// ErrorSpec is an injected S3 error. A code of the error table needs nothing else;
// Message, Status and Headers override or extend the table's row. A code outside the
// table needs Status and Message. In a file it is a bare code or a mapping.
type ErrorSpec struct {
	Code    mock.ErrorCode    `json:"code"`
	Message string            `json:"message,omitempty"`
	Status  int               `json:"status,omitempty"`
	Headers map[string]string `json:"headers,omitempty"`
}

// MarshalJSON writes a bare code when nothing overrides the table.
func (e ErrorSpec) MarshalJSON() ([]byte, error) {
	if e.Message == "" && e.Status == 0 && len(e.Headers) == 0 {
		return json.Marshal(e.Code)
	}
	type plain ErrorSpec
	return json.Marshal(plain(e))
}

// toError renders the error the rule gives from the core's error table.
func (e *ErrorSpec) toError() *mock.Error {
	err := mock.NewError(e.Code)
	if !mock.Known(e.Code) {
		err.Declaration = true
	}
	if e.Status != 0 {
		err.Status = e.Status
	}
	if e.Message != "" {
		err.Message = e.Message
	}
	if len(e.Headers) > 0 {
		err.Header = make(http.Header, len(e.Headers))
		for k, v := range e.Headers {
			err.Header.Set(k, v)
		}
	}
	return err
}

// Respond is a literal answer.
type Respond struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    string            `json:"body,omitempty"`
}

// Page reshapes a ListBucketInventoryConfigurations answer to expose paginator bugs.
type Page struct {
	// Size serves pages of this many configurations; 0 keeps S3's 100.
	Size int           `json:"size,omitempty"`
	Trap mock.PageTrap `json:"trap,omitempty"`
}

// Operations is one or more operation names; a single one is written as a string.
type Operations []mock.Operation

// MarshalJSON writes one operation as a string, several as a list.
func (o Operations) MarshalJSON() ([]byte, error) {
	if len(o) == 1 {
		return json.Marshal(o[0])
	}
	return json.Marshal([]mock.Operation(o))
}

// has reports whether op is listed (an empty list matches all).
func (o Operations) has(op mock.Operation) bool {
	if len(o) == 0 {
		return true
	}
	for _, x := range o {
		if x == op {
			return true
		}
	}
	return false
}
