package mock

import (
	"fmt"
	"strings"

	"github.com/s3invmock/s3invmock/mock/object"
)

// ObjectsError is the error of objects refused by PutObjects or PutSeedObjects:
// every problem with its field (objects[3].Size) and, for a parsed document, its
// line. Nothing was put.
type ObjectsError struct {
	Bucket   string
	Problems []StateProblem
}

// Error reads like `objects for bucket "src" refused, nothing changed:
// objects[0].Size: must not be negative, got -1; ...`.
func (e *ObjectsError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return fmt.Sprintf("objects for bucket %q refused, nothing changed: %s", e.Bucket, strings.Join(msgs, "; "))
}

// PutObjects puts object versions into bucket from Go, as a seed's
// buckets[].objects would: each mapping keyed by the inventory field names, only Key
// required, the rest defaulted by object.Resolve (owner: the bucket owner's
// canonical id; LastModifiedDate: the server's clock). A version replaces the one of
// the same key and version id. Mappings rather than object.Version, so that "not
// given" is distinct from a zero value and Go, seeds and the control API share one
// set of defaults and checks. The error is the *Error NoSuchBucket, or an
// *ObjectsError listing every field problem; either way nothing changed.
//
//	srv.PutObjects("src", object.Mapping{Key: new("logs/a.txt"), Size: new(int64(12))})
func (s *Server) PutObjects(bucket string, objs ...object.Mapping) error {
	items := make([]ObjectState, len(objs))
	for i, m := range objs {
		items[i] = ObjectState{Mapping: m}
	}
	return s.PutSeedObjects(bucket, items)
}

// PutSeedObjects is PutObjects for the items of a seed's object list (ParseObjects),
// BodyBase64 included; problems name the lines of a parsed list.
func (s *Server) PutSeedObjects(bucket string, items []ObjectState) error {
	b, ok := s.store.bucket(bucket)
	if !ok {
		return NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	d := object.Defaults{Owner: CanonicalUserID(b.Owner), LastModified: s.now()}
	stored, problems := resolveObjects(items, "objects", d, &object.Packer{})
	if len(problems) > 0 {
		return &ObjectsError{Bucket: bucket, Problems: problems}
	}
	if e := s.store.putObjects(bucket, stored); e != nil {
		return e
	}
	return nil
}

// GenerateObjects puts the deterministic objects g describes into bucket, as a seed's
// buckets[].generate does (owner: the bucket owner; dates up to a year before the
// server's clock). The error is NoSuchBucket, or the object.FieldErrors of g.
func (s *Server) GenerateObjects(bucket string, g object.GenerateSpec) error {
	b, ok := s.store.bucket(bucket)
	if !ok {
		return NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	seq, err := object.Generate(g, object.Defaults{Owner: CanonicalUserID(b.Owner), LastModified: s.now()})
	if err != nil {
		return err
	}
	var pk object.Packer
	stored := make([]object.Stored, 0, g.Count*max(g.Versions, 1))
	for v := range seq {
		st, err := pk.Pack(v)
		if err != nil {
			return err
		}
		stored = append(stored, st)
	}
	if e := s.store.putObjects(bucket, stored); e != nil {
		return e
	}
	return nil
}

// Objects returns every object version of bucket in report order (key, then version
// id), delivered reports included, each the caller's own copy. A missing bucket is
// the *Error NoSuchBucket.
func (s *Server) Objects(bucket string) ([]object.Version, error) {
	s.settle()
	objs, ok := s.store.objects(bucket)
	if !ok {
		return nil, NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	out := make([]object.Version, len(objs))
	for i := range objs {
		out[i] = objs[i].Version()
	}
	return out, nil
}

// Object returns the current version of key in bucket, as GetObject without a
// versionId would read it; found is false when the key has none or its current
// version is a delete marker. A missing bucket is the *Error NoSuchBucket.
func (s *Server) Object(bucket, key string) (v object.Version, found bool, err error) {
	s.settle()
	objs, ok := s.store.objects(bucket)
	if !ok {
		return v, false, NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	for i := firstOfKey(objs, key); i < len(objs) && objs[i].Key() == key; i++ {
		if cur := objs[i].Version(); cur.IsLatest {
			return cur, !cur.IsDeleteMarker, nil
		}
	}
	return v, false, nil
}

// firstOfKey is the index of key's first version in objs, or where it would go.
func firstOfKey(objs []object.Stored, key string) int {
	lo, hi := 0, len(objs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if objs[mid].Key() < key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
