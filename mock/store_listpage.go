package mock

import "sync/atomic"

// A bucket keeps the rendered body of its first List page (no continuation token,
// 100 to a page, no scenario reshaping it) until its configurations change: a List
// of an unchanged bucket then writes stored bytes, as a Get does, instead of copying
// 100 documents into a buffer (half of a List's CPU, profile of
// BenchmarkServeHTTP/List100). A page holds copies of at most 100 of the bucket's
// documents, so the pages kept never outweigh the configurations themselves.

// keptPage is a rendered first page; its bytes are never written after keeping.
type keptPage struct{ body []byte }

// pageStamp names the bucket state a page was read from and the count of its changes
// then; keepFirstPage keeps a page only if both still hold.
type pageStamp struct {
	bucket  *bucketState
	changes uint64
}

// firstPageCache is the part of bucketState that keeps the page. changes moves
// under the store's write lock (noteChange); page is read without it.
type firstPageCache struct {
	changes uint64
	page    atomic.Pointer[keptPage]
}

// forget drops the kept page: every put and delete of a configuration calls it,
// under the write lock, through noteChange.
func (f *firstPageCache) forget() {
	f.changes++
	f.page.Store(nil)
}

// keptFirstPage returns bucket's kept first page, if it has one.
func (s *store) keptFirstPage(bucket string) ([]byte, bool) {
	s.mu.RLock()
	b, ok := s.buckets[bucket]
	s.mu.RUnlock()
	if !ok {
		return nil, false
	}
	if p := b.firstPage.page.Load(); p != nil {
		return p.body, true
	}
	return nil, false
}

// keepFirstPage keeps body as the first page of bucket if the bucket has not changed
// since the page was read (stamp): neither deleted and made again nor had a
// configuration put or deleted. The read lock suffices: changes only move under the
// write lock.
func (s *store) keepFirstPage(bucket string, stamp pageStamp, body []byte) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if b, ok := s.buckets[bucket]; ok && b == stamp.bucket && b.firstPage.changes == stamp.changes {
		b.firstPage.page.Store(&keptPage{body: body})
	}
}
