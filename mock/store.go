package mock

import (
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
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

// storedConfiguration keeps a parsed configuration with its rendered forms: a stored
// configuration never changes (a PUT replaces it), so rendering once is enough.
type storedConfiguration struct {
	config *InventoryConfiguration
	inner  []byte // children, for List items
	get    []byte // the whole Get body
}

func newStoredConfiguration(c *InventoryConfiguration) *storedConfiguration {
	inner := renderInner(c)
	return &storedConfiguration{config: c, inner: inner, get: renderGet(inner)}
}

type bucketState struct {
	Bucket
	ids     []string // sorted in byte order
	configs map[string]*storedConfiguration
}

// store holds the buckets and their configurations. It does no I/O. One lock makes
// every operation atomic, which the 1,000 limit needs (5,000 racing PUTs, 1,000 win).
type store struct {
	mu      sync.RWMutex
	buckets map[string]*bucketState
	// accounts are the seed's accounts, kept so that a snapshot carries them.
	accounts []identity.Account
}

func newStore() *store { return &store{buckets: map[string]*bucketState{}} }

func (s *store) reset() {
	s.mu.Lock()
	s.buckets = map[string]*bucketState{}
	s.mu.Unlock()
}

// createBucket adds b unless a bucket of that name exists, which it returns instead.
func (s *store) createBucket(b Bucket) (existing Bucket, created bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.buckets[b.Name]; ok {
		return old.Bucket, false
	}
	s.buckets[b.Name] = &bucketState{Bucket: b, configs: map[string]*storedConfiguration{}}
	return b, true
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

// deleteBucket removes a bucket and its configurations with it.
func (s *store) deleteBucket(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.buckets[name]
	delete(s.buckets, name)
	return ok
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
func (s *store) put(bucket string, c *storedConfiguration) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return NewError(NoSuchBucket, Member{"BucketName", bucket})
	}
	id := c.config.ID
	if _, exists := b.configs[id]; !exists {
		if len(b.ids) >= MaxConfigurationsPerBucket {
			return NewError(TooManyConfigurations)
		}
		i, _ := slices.BinarySearch(b.ids, id)
		b.ids = slices.Insert(b.ids, i, id)
	}
	b.configs[id] = c
	return nil
}

// get returns a stored configuration; bucketFound tells NoSuchBucket from
// NoSuchConfiguration.
func (s *store) get(bucket, id string) (c *storedConfiguration, bucketFound bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return nil, false
	}
	return b.configs[id], true
}

func (s *store) delete(bucket, id string) (deleted, bucketFound bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return false, false
	}
	if _, ok := b.configs[id]; !ok {
		return false, true
	}
	delete(b.configs, id)
	i, _ := slices.BinarySearch(b.ids, id)
	b.ids = slices.Delete(b.ids, i, i+1)
	return true, true
}

// page returns up to size configurations with Ids after `after` ("" for the start), in
// byte order, and whether more follow. Its cost is O(log n + size).
func (s *store) page(bucket, after string, size int) (items []*storedConfiguration, truncated, bucketFound bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return nil, false, false
	}
	i := 0
	if after != "" {
		i, _ = slices.BinarySearch(b.ids, after)
		if i < len(b.ids) && b.ids[i] == after {
			i++
		}
	}
	end := min(i+size, len(b.ids))
	items = make([]*storedConfiguration, 0, end-i)
	for _, id := range b.ids[i:end] {
		items = append(items, b.configs[id])
	}
	return items, end < len(b.ids), true
}

// configurations returns every configuration of a bucket in Id order.
func (s *store) configurations(bucket string) ([]*InventoryConfiguration, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return nil, false
	}
	out := make([]*InventoryConfiguration, 0, len(b.ids))
	for _, id := range b.ids {
		out = append(out, b.configs[id].config)
	}
	return out, true
}

// replaceAll swaps in a whole new set of buckets and accounts at once, for LoadState:
// a concurrent request sees either the old state or the new one, never a mix.
func (s *store) replaceAll(buckets map[string]*bucketState, accounts []identity.Account) {
	s.mu.Lock()
	s.buckets = buckets
	s.accounts = accounts
	s.mu.Unlock()
}

// dump calls f for every bucket in name order, then returns the accounts, all under one
// read lock, so that a snapshot is one consistent state.
func (s *store) dump(f func(b Bucket, configs []*storedConfiguration)) []identity.Account {
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := make([]string, 0, len(s.buckets))
	for n := range s.buckets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b := s.buckets[n]
		cs := make([]*storedConfiguration, 0, len(b.ids))
		for _, id := range b.ids {
			cs = append(cs, b.configs[id])
		}
		f(b.Bucket, cs)
	}
	return slices.Clone(s.accounts)
}
