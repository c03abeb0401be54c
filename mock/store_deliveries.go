package mock

import (
	"cmp"
	"slices"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
)

// reserveDelivery numbers a delivery about to start.
func (s *store) reserveDelivery() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deliverySeq++
	return s.deliverySeq
}

// commitDelivery writes a delivery's files into dest and keeps its record, in one
// step: a reader sees the files and the record together, or neither. A missing
// destination writes nothing and keeps nothing, and says so (NoSuchBucket). keep
// bounds the records, oldest dropped first. files must be in report order without
// two equal (sortedVersions). Files whose record lands after now (d.LandAt) wait
// among the landings, unseen, until land reaches that instant.
func (s *store) commitDelivery(d Delivery, dest string, files []object.Stored, keep int, now time.Time) *Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(files) > 0 {
		b, ok := s.buckets[dest]
		switch {
		case !ok:
			return NewError(NoSuchBucket, Member{Name: "BucketName", Value: dest})
		case d.LandAt.After(now):
			s.addLanding(landing{Seq: d.Seq, Dest: dest, At: d.LandAt, Files: files})
		default:
			b.objects = mergeObjects(b.objects, files)
		}
	}
	// Deliveries may finish out of order; the records stay in Seq order.
	i, _ := slices.BinarySearchFunc(s.deliveries, d.Seq, func(r Delivery, seq uint64) int {
		return cmp.Compare(r.Seq, seq)
	})
	s.deliveries = slices.Insert(s.deliveries, i, d)
	if over := len(s.deliveries) - keep; over > 0 {
		s.deliveries = slices.Delete(s.deliveries, 0, over)
	}
	return nil
}

// deliveryRecords returns copies of the kept records, oldest first.
func (s *store) deliveryRecords() []Delivery {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Delivery, len(s.deliveries))
	for i, d := range s.deliveries {
		out[i] = d.clone()
	}
	return out
}

// sortedVersions sorts versions in report order and keeps the last of equal ones.
func sortedVersions(versions []object.Stored) []object.Stored {
	add := slices.Clone(versions)
	slices.SortStableFunc(add, compareStored)
	return lastOfEach(add)
}
