package mock

import (
	"cmp"
	"slices"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
)

// deliveryBatch holds the records and files of a schedule run's deliveries until
// they are written together: merging each report into a destination that already
// holds a year of them would copy the bucket once per delivery (a year of 10 daily
// configurations took 8 s so; batched, a fraction of one). The run flushes before a
// scan of a bucket the batch writes into, so that the scan lists earlier reports, and
// at its end. Late files skip the batch: they wait among the landings, unseen.
type deliveryBatch struct {
	records []Delivery
	files   map[string][][]object.Stored // destination -> each delivery's files
}

// commit keeps a delivery's record and files: in batch when one is given, else in
// the store at once (commitDelivery).
func (s *Server) commit(batch *deliveryBatch, d Delivery, dest string, files []object.Stored, now time.Time) *Error {
	if batch == nil || (len(files) > 0 && d.LandAt.After(now)) {
		return s.store.commitDelivery(d, dest, files, s.cfg.maxDeliveries, now)
	}
	if _, ok := s.store.bucket(dest); len(files) > 0 && !ok {
		return NewError(NoSuchBucket, Member{Name: "BucketName", Value: dest})
	}
	batch.records = append(batch.records, d)
	if len(files) > 0 {
		batch.files[dest] = append(batch.files[dest], files)
	}
	return nil
}

// flush writes the batch into the store and empties it.
func (s *Server) flush(b *deliveryBatch) {
	if len(b.records) == 0 {
		return
	}
	s.store.commitBatch(b.records, b.files, s.cfg.maxDeliveries)
	b.records = b.records[:0]
	clear(b.files)
}

// commitBatch writes files into their destinations, one merge per destination, and
// keeps the records, in one step, as commitDelivery does for one. A destination
// deleted since its delivery checked it takes its files with it.
func (s *store) commitBatch(records []Delivery, files map[string][][]object.Stored, keep int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for dest, parts := range files {
		b, ok := s.buckets[dest]
		if !ok {
			continue
		}
		b.objects = mergeObjects(b.objects, sortedVersions(slices.Concat(parts...)))
	}
	for _, d := range records {
		i, _ := slices.BinarySearchFunc(s.deliveries, d.Seq, func(r Delivery, seq uint64) int {
			return cmp.Compare(r.Seq, seq)
		})
		s.deliveries = slices.Insert(s.deliveries, i, d)
	}
	if over := len(s.deliveries) - keep; over > 0 {
		s.deliveries = slices.Delete(s.deliveries, 0, over)
	}
}
