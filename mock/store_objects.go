package mock

import (
	"github.com/s3invmock/s3invmock/mock/object"
)

// compareStored orders object versions as reports and listings read them: by key,
// then by version id, in byte order (the null version "" first).
func compareStored(a, b object.Stored) int {
	return object.CompareKeys(a.Key(), a.VersionID(), b.Key(), b.VersionID())
}

// putObjects adds versions to a bucket, replacing any of the same key and version id,
// in one step: a concurrent reader sees all of them or none. The versions need not be
// sorted. The bucket's slice is rebuilt, never written in place (bucketState.objects).
func (s *store) putObjects(bucket string, versions []object.Stored) *Error {
	add := sortedVersions(versions)
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	b.objects = mergeObjects(b.objects, add)
	return nil
}

// lastOfEach keeps, of versions with the same key and id in a sorted run, the one that
// came last, as a later PUT of the same version replaces an earlier one.
func lastOfEach(sorted []object.Stored) []object.Stored {
	out := sorted[:0]
	for i, v := range sorted {
		if i+1 < len(sorted) && compareStored(v, sorted[i+1]) == 0 {
			continue
		}
		out = append(out, v)
	}
	return out
}

// mergeObjects merges two sorted runs into a new slice; on equal keys and ids the
// version from add replaces the old one.
func mergeObjects(old, add []object.Stored) []object.Stored {
	out := make([]object.Stored, 0, len(old)+len(add))
	i, j := 0, 0
	for i < len(old) && j < len(add) {
		switch c := compareStored(old[i], add[j]); {
		case c < 0:
			out = append(out, old[i])
			i++
		case c > 0:
			out = append(out, add[j])
			j++
		default:
			out = append(out, add[j])
			i, j = i+1, j+1
		}
	}
	out = append(out, old[i:]...)
	return append(out, add[j:]...)
}

// objects returns a bucket's object versions in report order, as they are at this
// instant. The slice is shared and must not be written: later changes build new ones.
func (s *store) objects(bucket string) ([]object.Stored, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return nil, false
	}
	return b.objects, true
}
