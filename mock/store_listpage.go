package mock

import "sync/atomic"

// A bucket keeps the rendered body of its first List page (no continuation token,
// 100 to a page, no scenario reshaping it) until its configurations change: a List
// of an unchanged bucket then writes stored bytes, as a Get does, instead of copying
// 100 documents into a buffer (half of a List's CPU, profile of
// BenchmarkServeHTTP/List100). The pages a server keeps share keptPagesBudget; past
// it a List renders its page as before and keeps nothing.

// keptPagesBudget bounds the bytes of the first pages a server keeps, all buckets
// together: about 230 pages of 100 full documents, where every bucket's would be
// hundreds of MiB at 10,000 buckets (a page is a whole copy of its documents, which
// the store itself shares between configurations alike but for the Id).
const keptPagesBudget = 16 << 20

// keptPage is a rendered first page; its bytes are never written after keeping.
// kept is the count of its server's kept bytes, which it is part of.
type keptPage struct {
	body []byte
	kept *atomic.Int64
}

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
// under the write lock, through noteChange, and so does the removal of the bucket.
func (f *firstPageCache) forget() {
	f.changes++
	f.drop(f.page.Swap(nil))
}

// drop gives a page's bytes back to its server's budget.
func (f *firstPageCache) drop(p *keptPage) {
	if p != nil {
		p.kept.Add(-int64(len(p.body)))
	}
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
// configuration put or deleted, and if the budget has room. The read lock suffices:
// changes only move under the write lock.
func (s *store) keepFirstPage(bucket string, stamp pageStamp, body []byte) {
	if s.keptPageBytes.Load()+int64(len(body)) > s.pagesBudget {
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if b, ok := s.buckets[bucket]; ok && b == stamp.bucket && b.firstPage.changes == stamp.changes {
		s.keptPageBytes.Add(int64(len(body)))
		b.firstPage.drop(b.firstPage.page.Swap(&keptPage{body: body, kept: &s.keptPageBytes}))
	}
}

// forgetPages drops the kept pages of buckets the store no longer holds (reset,
// replaceAll); the write lock is held.
func forgetPages(buckets map[string]*bucketState) {
	for _, b := range buckets {
		b.firstPage.forget()
	}
}
