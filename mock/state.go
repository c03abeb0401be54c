package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/object"
)

// State is the whole content of a Server in the seed and snapshot format: buckets with
// their inventory configurations and objects, accounts, and delivery records. A snapshot (Server.State) is a valid
// seed (LoadState), and after a round trip every Get and List answers the same bytes.
// A rendered snapshot opens with a seal (snapshot: {sha256: ...}) that ParseState
// verifies, so that a file cut short is refused; a hand-written seed leaves it out.
//
//	buckets:
//	  - name: reports
//	    owner: "123456789012"     # optional, DefaultAccount
//	    region: eu-west-1         # optional, the server's region
//	    created: 2026-11-25T12:00:00Z  # optional, the time of loading
//	    inventory:                # each item: the XML document a client would PUT
//	      - <InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">...
//	    objects:                  # optional; inventory field names, see ObjectState
//	      - {Key: logs/a.txt, Size: 12, StorageClass: STANDARD_IA}
//	      - {Key: notes.txt, Body: "hello"}
//	    generate: {count: 1000, prefix: "logs/", seed: 7, versions: 1}  # optional
//	accounts: []
//	deliveries: []                # optional; records as Server.Deliveries lists them
//	clock: {now: 2026-12-06T00:00:00Z, simulated: true}  # optional, see ClockState
//	schedules: []                 # optional, see ScheduleState
//	landings: []                  # optional, see LandingState
type State struct {
	Buckets  []BucketState      `json:"buckets" yaml:"buckets"`
	Accounts []identity.Account `json:"accounts" yaml:"accounts"`
	// Deliveries are the delivery records, oldest first (see Delivery).
	Deliveries []Delivery `json:"deliveries,omitempty" yaml:"deliveries,omitempty"`
	// Clock, Schedules and Landings keep the inventory clock (state_clock.go): a
	// restore continues the same schedule and lands the same late deliveries.
	Clock     *ClockState     `json:"clock,omitempty" yaml:"clock,omitempty"`
	Schedules []ScheduleState `json:"schedules,omitempty" yaml:"schedules,omitempty"`
	Landings  []LandingState  `json:"landings,omitempty" yaml:"landings,omitempty"`

	// Lines of the items, when the State came from ParseState, so that LoadState
	// can point at them.
	accountsLine  int
	accountLines  []int
	deliveryLines []int

	// The seal of a snapshot, when the document had one (see sealKey).
	hasSeal  bool
	sealSum  string
	sealLine int
}

// BucketState is one bucket of a State.
type BucketState struct {
	Name string `json:"name" yaml:"name"`
	// Owner is the owner's account id; empty means DefaultAccount.
	Owner string `json:"owner,omitempty" yaml:"owner,omitempty"`
	// Region is the bucket's region; empty means the server's region (WithRegion).
	Region string `json:"region,omitempty" yaml:"region,omitempty"`
	// Created is the bucket's CreationDate; zero means the time of loading. Snapshots
	// write it with full precision, so that ListBuckets answers the same bytes.
	Created time.Time `json:"created,omitzero" yaml:"created,omitempty"`
	// Inventory holds the configuration documents, each as a client would PUT it.
	Inventory []string `json:"inventory" yaml:"inventory"`
	// Objects are the bucket's object versions (see ObjectState); versions of one key
	// are separate items. A snapshot lists every object, delivered reports included,
	// in report order (key, then version id).
	Objects []ObjectState `json:"objects,omitempty" yaml:"objects,omitempty"`
	// Generate adds deterministic bulk objects (object.Generate), owned by the
	// bucket's owner and dated up to a year before the time of loading. An item of
	// Objects with the same key and version id replaces a generated one. Snapshots
	// never write it: they list the objects themselves.
	Generate *object.GenerateSpec `json:"generate,omitempty" yaml:"generate,omitempty"`

	line         int   // line of the bucket's item
	docLines     []int // line of each document
	generateLine int   // line of the generate key
}

// StateProblem is one thing wrong with a seed or snapshot.
type StateProblem struct {
	// Line is the 1-based line in the document, 0 for a State built in Go.
	Line int `json:"line,omitempty"`
	// Path is the item's place in the document, like buckets[0].inventory[2].
	Path   string `json:"path"`
	Bucket string `json:"bucket,omitempty"`
	// ID is the configuration's Id, when the document names one.
	ID string `json:"id,omitempty"`
	// Code is the S3 error a client's request for the same thing would get, if any.
	Code    ErrorCode `json:"code,omitempty"`
	Message string    `json:"message"`
}

// Error reads like `line 7: buckets[0].inventory[1]: bucket "reports", configuration
// "daily": MalformedXML: The XML you provided ...`.
func (p StateProblem) Error() string {
	var b strings.Builder
	if p.Line > 0 {
		b.WriteString("line " + strconv.Itoa(p.Line) + ": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	if p.Bucket != "" {
		b.WriteString("bucket " + strconv.Quote(p.Bucket))
		if p.ID != "" {
			b.WriteString(", configuration " + strconv.Quote(p.ID))
		}
		b.WriteString(": ")
	}
	if p.Code != "" {
		b.WriteString(string(p.Code) + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// StateError lists everything wrong with a seed or snapshot; ParseState and LoadState
// return it.
type StateError struct {
	Problems []StateProblem
}

func (e *StateError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return "invalid state: " + strings.Join(msgs, "; ")
}

// LoadState replaces the server's buckets, configurations, objects, accounts and
// delivery records with st. Every
// item is checked first, as the requests that would create it are checked (the error
// names the S3 code, the bucket and the Id); a refused state changes nothing. The
// swap is atomic: a concurrent request sees the old state or the new one. A nil st
// empties the server. The accounts become the server's directory (see SetDirectory).
// The journal and the hook stay.
func (s *Server) LoadState(st *State) error {
	if st == nil {
		st = &State{}
	}
	buckets, problems := s.compileState(st)
	records, ps := checkDeliveries(st.Deliveries, st.deliveryLines, s.cfg.maxDeliveries)
	problems = append(problems, ps...)
	landings, ps := s.compileClock(st, buckets)
	problems = append(problems, ps...)
	if len(problems) > 0 {
		return &StateError{Problems: problems}
	}
	dir, err := identity.NewDirectory(st.Accounts)
	if err != nil { // compileState refuses every state NewDirectory refuses
		return &StateError{Problems: []StateProblem{{Path: "accounts", Message: err.Error()}}}
	}
	if st.Clock != nil && st.Clock.Simulated {
		s.clock.start(st.Clock.Now)
	}
	s.store.replaceAll(buckets, cloneAccounts(st.Accounts), dir, records, landings)
	return nil
}

// State returns a snapshot of the server in the seed format. Documents are rendered
// from the stored model and objects with every field they hold, so loading the
// snapshot answers every Get and List, and every object's bytes, the same.
func (s *Server) State() *State {
	s.settle()
	st := &State{Buckets: []BucketState{}}
	accounts, records := s.store.dump(func(b Bucket, configs []storedConfiguration, objects []object.Stored) {
		docs := make([]string, len(configs))
		var buf []byte
		for i, c := range configs {
			buf = c.appendGet(buf[:0])
			docs[i] = string(bytes.TrimPrefix(buf, []byte(wire.Declaration)))
		}
		st.Buckets = append(st.Buckets, BucketState{
			Name: b.Name, Owner: b.Owner, Region: b.Region, Created: b.Created.UTC(), Inventory: docs,
			Objects: renderObjects(objects),
		})
	})
	st.Deliveries = records
	s.renderClock(st)
	st.Accounts = cloneAccounts(accounts)
	if st.Accounts == nil {
		st.Accounts = []identity.Account{}
	}
	return st
}

// YAML renders st in the seed format as YAML, as a snapshot: sealed with the digest
// of its content, which ParseState verifies.
func (st *State) YAML() ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(st.sealed()); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// JSON renders st in the seed format as indented JSON, with the documents' < and >
// left readable, sealed as YAML is.
func (st *State) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(st.sealed()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func cloneAccounts(in []identity.Account) []identity.Account {
	if in == nil {
		return nil
	}
	out := make([]identity.Account, len(in))
	for i, a := range in {
		out[i] = identity.Account{ID: a.ID, Keys: make([]identity.Key, len(a.Keys))}
		for j, k := range a.Keys {
			k.Actions = append([]string(nil), k.Actions...)
			out[i].Keys[j] = k
		}
	}
	return out
}

// problemAt builds a StateProblem.
func problemAt(line int, path, format string, args ...any) StateProblem {
	return StateProblem{Line: line, Path: path, Message: fmt.Sprintf(format, args...)}
}
