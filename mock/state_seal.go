package mock

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// A rendered snapshot (State.YAML, State.JSON) opens with a seal:
//
//	snapshot:
//	  sha256: 9c2e...   # of the buckets and accounts that follow
//	buckets: ...
//
// A snapshot cut short (a full disk, a copy stopped halfway) is most often still a
// valid seed: before the seal, 157 of the 1,941 byte offsets at which a three-bucket
// YAML snapshot can be cut loaded as a renamed bucket, a bucket in another region, or
// a bucket without its configurations. The seal comes first, so that any cut past it
// leaves the claim and loses content the digest covers; ParseState refuses a document
// whose seal does not match. A hand-written seed has no seal and needs none.
const sealKey = "snapshot"

// seal is the value of the snapshot key.
type seal struct {
	SHA256 string `json:"sha256" yaml:"sha256"`
}

// sealedState is a State as a snapshot file writes it: the seal first.
type sealedState struct {
	Snapshot seal               `json:"snapshot" yaml:"snapshot"`
	Buckets  []BucketState      `json:"buckets" yaml:"buckets"`
	Accounts []identity.Account `json:"accounts" yaml:"accounts"`
	// Deliveries come last, after the accounts, as State has them.
	Deliveries []Delivery `json:"deliveries,omitempty" yaml:"deliveries,omitempty"`
	// The inventory clock comes after them, as State has it.
	Clock     *ClockState     `json:"clock,omitempty" yaml:"clock,omitempty"`
	Schedules []ScheduleState `json:"schedules,omitempty" yaml:"schedules,omitempty"`
	Landings  []LandingState  `json:"landings,omitempty" yaml:"landings,omitempty"`
}

func (st *State) sealed() sealedState {
	return sealedState{Snapshot: seal{SHA256: st.digest()}, Buckets: st.Buckets, Accounts: st.Accounts,
		Deliveries: st.Deliveries, Clock: st.Clock, Schedules: st.Schedules, Landings: st.Landings}
}

// Markers of the parts a digest covers only when present, so that a snapshot written
// before objects and deliveries existed keeps its seal. Neither is a bucket name nor
// an account id, so no content of one kind reads as the other.
const (
	digestObjects    = "buckets[].objects"
	digestDeliveries = "deliveries[]"
	digestClock      = "clock"
)

// digest is the SHA-256 of the state's content in a canonical form: every value in
// document order, each prefixed by its length, so that YAML or JSON, any quoting and
// any line folding give the same digest, and a value cut short does not.
func (st *State) digest() string {
	d := newDigester()
	d.count(len(st.Buckets))
	for _, b := range st.Buckets {
		created := ""
		if !b.Created.IsZero() {
			created = b.Created.UTC().Format(time.RFC3339Nano)
		}
		d.strings(b.Name, b.Owner, b.Region, created)
		d.count(len(b.Inventory))
		d.strings(b.Inventory...)
		if len(b.Objects) > 0 || b.Generate != nil {
			d.strings(digestObjects)
			d.json(b.Generate)
			d.count(len(b.Objects))
			for _, o := range b.Objects {
				d.json(o)
			}
		}
	}
	d.count(len(st.Accounts))
	for _, a := range st.Accounts {
		d.strings(a.ID)
		d.count(len(a.Keys))
		for _, k := range a.Keys {
			d.strings(k.AccessKeyID, k.SecretAccessKey)
			d.count(len(k.Actions))
			d.strings(k.Actions...)
		}
	}
	if len(st.Deliveries) > 0 {
		d.strings(digestDeliveries)
		d.count(len(st.Deliveries))
		for _, r := range st.Deliveries {
			d.json(r)
		}
	}
	if st.Clock != nil || len(st.Schedules) > 0 || len(st.Landings) > 0 {
		d.strings(digestClock)
		d.json(st.Clock)
		d.json(st.Schedules)
		d.json(st.Landings)
	}
	return d.sum()
}

// json adds the canonical JSON of v (struct fields in declaration order), which is
// the same whichever document format v was read from.
func (d *digester) json(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(err.Error()) // cannot happen for these types; still a value to hash
	}
	d.strings(string(b))
}

// digester feeds the hash through a buffer: a snapshot of a million configurations
// is millions of short values, and one hash Write each (with the []byte copy of each
// string) was 1.6 s of the 6.5 s a 548 MB snapshot took to be ready; written in
// 64 KiB blocks, the same bytes hash in a fraction of that. The bytes hashed are
// the same either way, so every seal written before still verifies.
type digester struct {
	h   hash.Hash
	buf []byte
}

// digestBlock is the size of the writes to the hash.
const digestBlock = 64 << 10

func newDigester() *digester {
	return &digester{h: sha256.New(), buf: make([]byte, 0, digestBlock)}
}

func (d *digester) count(n int) {
	d.buf = binary.AppendUvarint(d.buf, uint64(n))
	d.flushFull()
}

func (d *digester) strings(ss ...string) {
	for _, s := range ss {
		d.count(len(s))
		for len(s) > 0 {
			n := min(len(s), cap(d.buf)-len(d.buf))
			d.buf = append(d.buf, s[:n]...)
			s = s[n:]
			d.flushFull()
		}
	}
}

// flushFull hands the buffer to the hash once it is (nearly) full; AppendUvarint
// needs at most 10 bytes.
func (d *digester) flushFull() {
	if cap(d.buf)-len(d.buf) < binary.MaxVarintLen64 {
		d.h.Write(d.buf)
		d.buf = d.buf[:0]
	}
}

// sum flushes what is buffered and returns the digest in hex.
func (d *digester) sum() string {
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
	return hex.EncodeToString(d.h.Sum(nil))
}

// checkSeal is the problem with a document that claims to be a snapshot and does not
// verify, nil for one that does or that makes no claim.
func (st *State) checkSeal() *StateProblem {
	if !st.hasSeal {
		return nil
	}
	msg := ""
	switch {
	case st.sealSum == "":
		msg = "a snapshot without its sha256: the file is cut short"
	case st.sealSum != st.digest():
		msg = "the buckets and accounts do not match the snapshot's sha256: the file is cut short or was edited"
	default:
		return nil
	}
	p := problemAt(st.sealLine, sealKey, "%s (to load an edited snapshot as a seed, delete its snapshot key)", msg)
	return &p
}
