package mock

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unique"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/inventory"
	"github.com/s3invmock/s3invmock/mock/object"
)

// MaxConfigurationsPerBucket is S3's documented limit of inventory configurations.
const MaxConfigurationsPerBucket = 1000

// Bucket describes a bucket as the Go API shows it.
type Bucket struct {
	Name    string
	Owner   string // account id
	Region  string
	Created time.Time
}

// storedConfiguration is a configuration as the store keeps it: its rendered children,
// split where the Id element ends. A stored configuration never changes (a PUT replaces
// it), so it is rendered once; Get, List and snapshots copy bytes. The children after
// the Id are interned: configurations that differ only in Id (the common case in a
// large seed) share one copy, so a million of them fit in a few dozen MiB. An interned
// copy goes away with the last configuration that uses it.
type storedConfiguration struct {
	id   string                // the Id; a substring of head unless it needed escaping
	head string                // <Id>escaped Id</Id>
	tail unique.Handle[string] // every child after the Id, in S3's canonical order
}

func newStoredConfiguration(c *inventory.Configuration) storedConfiguration {
	inner := c.AppendInner(make([]byte, 0, 512))
	// AppendInner writes the Id element first; it ends at the first "</Id>".
	cut := bytes.Index(inner, []byte("</Id>")) + len("</Id>")
	head := string(inner[:cut])
	id := c.ID
	if head[len("<Id>"):cut-len("</Id>")] == id {
		id = head[len("<Id>") : cut-len("</Id>")]
	}
	return storedConfiguration{id: id, head: head, tail: unique.Make(string(inner[cut:]))}
}

// innerLen is the length of the configuration's children.
func (c storedConfiguration) innerLen() int { return len(c.head) + len(c.tail.Value()) }

// appendInner appends the configuration's children (a List item without its tags).
func (c storedConfiguration) appendInner(b []byte) []byte {
	b = append(b, c.head...)
	return append(b, c.tail.Value()...)
}

// appendGet appends the whole GetBucketInventoryConfiguration body.
func (c storedConfiguration) appendGet(b []byte) []byte {
	b = append(b, inventory.DocumentStart...)
	b = c.appendInner(b)
	return append(b, inventory.DocumentEnd...)
}

// model parses the configuration back into its model, for the Go API. Rendering is
// canonical, so the parse gives back the model that was stored; were it ever to fail,
// the Go API answers InternalError rather than crash a test.
func (c storedConfiguration) model() (*inventory.Configuration, *Error) {
	cfg, err := inventory.Parse(c.appendGet(nil))
	if err != nil {
		return nil, NewError(InternalError)
	}
	return cfg, nil
}

// compareID orders configurations by Id, in byte order.
func compareID(c storedConfiguration, id string) int { return strings.Compare(c.id, id) }

type bucketState struct {
	Bucket
	configs []storedConfiguration // sorted by Id in byte order
	// objects are the bucket's object versions in report order (key, then version id,
	// byte order). The slice is never written in place: a change builds a new one, so
	// a reader holds a consistent instant without copying (see store.objects).
	objects []object.Stored
	// schedules are the configurations' schedules by Id, deleted ones until the
	// simulated clock passes their delete (store_schedules.go).
	schedules map[string]*schedule
	// last is the last change of configs, for stale reads (store_stale.go); nil
	// until a configuration is put or deleted.
	last *configChange
	// firstPage is the rendered first List page, until the next change
	// (store_listpage.go).
	firstPage firstPageCache
}

func newBucketState(b Bucket, capacity int) *bucketState {
	return &bucketState{Bucket: b, configs: make([]storedConfiguration, 0, capacity)}
}

// find returns the index of id, or where it would go.
func (b *bucketState) find(id string) (int, bool) {
	return slices.BinarySearchFunc(b.configs, id, compareID)
}

// store holds the buckets and their configurations. It does no I/O. One lock makes
// every operation atomic, which the 1,000 limit needs (5,000 racing PUTs, 1,000 win).
type store struct {
	mu      sync.RWMutex
	buckets map[string]*bucketState
	// accounts are the seed's accounts, kept so that a snapshot carries them.
	accounts []identity.Account
	// directory is the keys of the accounts, read by every request without the lock
	// and written only under it, together with accounts (replaceAll, setDirectory).
	directory atomic.Pointer[identity.Directory]
	// maxBuckets caps how many buckets createBucket makes (WithMaxBuckets).
	maxBuckets int
	// deliveries are the kept delivery records in Seq order; deliverySeq is the Seq
	// of the last delivery started (store_deliveries.go).
	deliveries  []Delivery
	deliverySeq uint64
	// landings are the delivered files that have not landed yet, by instant then
	// Seq; pending counts them, read without the lock (store_landings.go).
	landings []landing
	pending  atomic.Int64
	// keptPageBytes is what the buckets' kept first List pages hold in all
	// (store_listpage.go).
	keptPageBytes atomic.Int64
	pagesBudget   int64 // keptPagesBudget; smaller in specs
}

func newStore(maxBuckets int) *store {
	return &store{buckets: map[string]*bucketState{}, maxBuckets: maxBuckets, pagesBudget: keptPagesBudget}
}

func (s *store) reset() {
	s.mu.Lock()
	forgetPages(s.buckets)
	s.buckets = map[string]*bucketState{}
	s.deliveries, s.deliverySeq = nil, 0
	s.setLandings(nil)
	s.mu.Unlock()
}

// createBucket adds b unless a bucket of that name exists, which it returns instead,
// or the store already holds maxBuckets (full).
func (s *store) createBucket(b Bucket) (existing Bucket, created, full bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.buckets[b.Name]; ok {
		return old.Bucket, false, false
	}
	if len(s.buckets) >= s.maxBuckets {
		return Bucket{}, false, true
	}
	s.buckets[b.Name] = newBucketState(b, 0)
	return b, true, false
}

func (s *store) bucket(name string) (Bucket, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[name]
	if !ok {
		return Bucket{}, false
	}
	return b.Bucket, true
}

// deleteBucket removes a bucket and its configurations, in one step with the checks
// that can refuse it: NoSuchBucket (gone since the caller looked) and BucketNotEmpty.
func (s *store) deleteBucket(name string) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[name]
	switch {
	case !ok: // deleted by another request since the caller's checks
		return NewError(NoSuchBucket, Member{Name: "BucketName", Value: name})
	case len(b.objects) > 0:
		return NewError(BucketNotEmpty, Member{Name: "BucketName", Value: name})
	}
	b.firstPage.forget()
	delete(s.buckets, name)
	return nil
}

// listBuckets returns the buckets owned by owner ("" for all), sorted by name.
func (s *store) listBuckets(owner string) []Bucket {
	s.mu.RLock()
	out := make([]Bucket, 0, len(s.buckets))
	for _, b := range s.buckets {
		if owner == "" || b.Owner == owner {
			out = append(out, b.Bucket)
		}
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// put stores c in bucket, replacing an existing Id; a new Id at the limit is refused.
// at is the instant on the inventory clock, kept in the configuration's schedule.
func (s *store) put(bucket string, c storedConfiguration, at time.Time) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	i, exists := b.find(c.id)
	if exists || len(b.configs) < MaxConfigurationsPerBucket {
		b.noteChange(c.id, at)
	}
	switch {
	case exists:
		b.configs[i] = c
	case len(b.configs) >= MaxConfigurationsPerBucket:
		return NewError(TooManyConfigurations)
	default:
		b.configs = slices.Insert(b.configs, i, c)
	}
	b.record(c.id, scheduleVersion{at: at, config: c})
	return nil
}

// get returns a stored configuration; bucketFound tells NoSuchBucket from
// NoSuchConfiguration.
func (s *store) get(bucket, id string) (c storedConfiguration, found, bucketFound bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return c, false, false
	}
	i, found := b.find(id)
	if !found {
		return c, false, true
	}
	return b.configs[i], true, true
}

// delete removes a configuration; at ends its schedule there.
func (s *store) delete(bucket, id string, at time.Time) (deleted, bucketFound bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return false, false
	}
	i, found := b.find(id)
	if !found {
		return false, true
	}
	b.noteChange(id, at)
	b.configs = slices.Delete(b.configs, i, i+1)
	b.record(id, scheduleVersion{at: at, deleted: true})
	return true, true
}

// page appends to items up to size configurations with Ids after `after` ("" for the
// start), in byte order, and tells whether more follow. Its cost is O(log n + size),
// whatever the bucket holds.
func (s *store) page(items []storedConfiguration, bucket, after string, size int) (_ []storedConfiguration, truncated, bucketFound bool, stamp pageStamp) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return items, false, false, stamp
	}
	stamp = pageStamp{bucket: b, changes: b.firstPage.changes}
	i := 0
	if after != "" {
		var found bool
		if i, found = b.find(after); found {
			i++
		}
	}
	end := min(i+size, len(b.configs))
	return append(items, b.configs[i:end]...), end < len(b.configs), true, stamp
}

// configurations returns every configuration of a bucket in Id order.
func (s *store) configurations(bucket string) ([]storedConfiguration, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return nil, false
	}
	return slices.Clone(b.configs), true
}

// replaceAll swaps in a whole new set of buckets, accounts, the directory of their
// keys, the delivery records and the landings in one step, for LoadState: a snapshot (dump) sees the
// old state or the new one, never a mix. The next delivery's Seq follows the last
// record's.
func (s *store) replaceAll(buckets map[string]*bucketState, accounts []identity.Account, dir *identity.Directory, deliveries []Delivery, landings []landing) {
	s.mu.Lock()
	forgetPages(s.buckets)
	s.buckets = buckets
	s.accounts = accounts
	s.directory.Store(dir)
	s.deliveries, s.deliverySeq = deliveries, 0
	slices.SortFunc(landings, compareLanding)
	s.setLandings(landings)
	if n := len(deliveries); n > 0 {
		s.deliverySeq = deliveries[n-1].Seq
	}
	s.mu.Unlock()
}

// setDirectory replaces the keys the server knows, between two whole-state steps.
func (s *store) setDirectory(dir *identity.Directory) {
	s.mu.Lock()
	s.directory.Store(dir)
	s.mu.Unlock()
}

// dump calls f for every bucket in name order, then returns the accounts and the
// delivery records, all under one read lock, so that a snapshot is one consistent
// state. The objects passed to f are shared and must not be written.
func (s *store) dump(f func(b Bucket, configs []storedConfiguration, objects []object.Stored)) ([]identity.Account, []Delivery) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := make([]string, 0, len(s.buckets))
	for n := range s.buckets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b := s.buckets[n]
		f(b.Bucket, b.configs, b.objects)
	}
	records := make([]Delivery, len(s.deliveries))
	for i, d := range s.deliveries {
		records[i] = d.clone()
	}
	return slices.Clone(s.accounts), records
}
