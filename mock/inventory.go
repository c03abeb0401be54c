package mock

import (
	"net/http"

	"github.com/s3invmock/s3invmock/mock/inventory"
)

// bucketAndBody runs the two steps before an operation that needs no document: the
// bucket and the caller's access to it (lookupBucket), then the body (Server.body),
// read only to check its digests.
func (s *Server) bucketAndBody(c *Call) *Error {
	if _, e := s.lookupBucket(c); e != nil {
		return e
	}
	_, e := s.body(c)
	return e
}

// putInventory is PutBucketInventoryConfiguration: 204 and an empty body (recorded;
// the AWS doc page's 200 is wrong).
func (s *Server) putInventory(w http.ResponseWriter, c *Call) {
	_, e := s.lookupBucket(c)
	var body []byte
	if e == nil {
		body, e = s.body(c)
	}
	var cfg *inventory.Configuration
	if e == nil {
		cfg, e = inventory.Decode(body, c.ID)
	}
	if e == nil {
		// The instant of the change is read as it is made, not taken from Received: a
		// latency fault or a slow body may have held the request, and a stale read's
		// For counts from the change.
		e = s.store.put(c.Bucket, newStoredConfiguration(cfg), s.now())
	}
	if e != nil {
		WriteError(w, c, e)
		return
	}
	writeNoContent(w)
}

// getInventory is GetBucketInventoryConfiguration: the stored document, rendered once
// at PUT time and copied into a pooled buffer.
func (s *Server) getInventory(w http.ResponseWriter, c *Call) {
	if e := s.bucketAndBody(c); e != nil {
		WriteError(w, c, e)
		return
	}
	sc, found, bucketFound := s.store.get(c.Bucket, c.ID)
	if ch, stale := s.staleChange(c); stale && ch.id == c.ID {
		sc, found = ch.before, ch.existed
	}
	if !bucketFound {
		WriteError(w, c, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket}))
		return
	}
	if !found {
		WriteError(w, c, NewError(NoSuchConfiguration))
		return
	}
	writeGet(w, sc)
}

// deleteInventory is DeleteBucketInventoryConfiguration: 204, or NoSuchConfiguration.
func (s *Server) deleteInventory(w http.ResponseWriter, c *Call) {
	if e := s.bucketAndBody(c); e != nil {
		WriteError(w, c, e)
		return
	}
	if ch, stale := s.staleChange(c); stale && ch.id == c.ID {
		// As before the change: absent then, NoSuchConfiguration; present then but
		// deleted since, found, with nothing left to delete. A replaced one deletes.
		switch _, now, _ := s.store.get(c.Bucket, c.ID); {
		case !ch.existed:
			WriteError(w, c, NewError(NoSuchConfiguration))
			return
		case !now:
			writeNoContent(w)
			return
		}
	}
	deleted, found := s.store.delete(c.Bucket, c.ID, s.now())
	switch {
	case !found:
		WriteError(w, c, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket}))
	case !deleted:
		WriteError(w, c, NewError(NoSuchConfiguration))
	default:
		writeNoContent(w)
	}
}
