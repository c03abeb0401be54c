package mock

import (
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// BucketOption adjusts a bucket created from Go.
type BucketOption func(*Bucket)

// OwnedBy sets the bucket's owner account (default DefaultAccount).
func OwnedBy(account string) BucketOption { return func(b *Bucket) { b.Owner = account } }

// InRegion sets the bucket's region (default the server's region, see WithRegion).
func InRegion(region string) BucketOption { return func(b *Bucket) { b.Region = region } }

// AddBucket creates a bucket from Go, as CreateBucket would. It fails with the S3
// error CreateBucket would answer (InvalidBucketName, BucketAlreadyExists, ...).
func (s *Server) AddBucket(name string, opts ...BucketOption) error {
	b := Bucket{Name: name, Owner: DefaultAccount, Region: s.cfg.region, Created: s.now()}
	for _, o := range opts {
		o(&b)
	}
	if !ValidBucketName(name) {
		return NewError(InvalidBucketName, Member{Name: "BucketName", Value: name})
	}
	if e := s.addBucket(b); e != nil {
		return e
	}
	return nil
}

// PutConfigurationXML stores a configuration document as PutBucketInventoryConfiguration
// would, with every check S3 makes; its Id is the document's own. Every error is an
// *Error (errors.Is(err, mock.MalformedXML)).
func (s *Server) PutConfigurationXML(bucket string, doc []byte) error {
	cfg, err := inventory.Parse(doc)
	if err != nil {
		return NewError(MalformedXML)
	}
	return s.PutConfiguration(bucket, cfg)
}

// PutConfiguration stores c in bucket after the checks a PUT would make.
func (s *Server) PutConfiguration(bucket string, c *inventory.Configuration) error {
	if c == nil {
		return NewError(MalformedXML)
	}
	// Round-trip through the wire form so that Go and HTTP obey the same rules.
	checked, e := inventory.Decode(c.Document(), c.ID)
	if e == nil {
		e = s.store.put(bucket, newStoredConfiguration(checked), s.now())
	}
	if e != nil {
		return e
	}
	return nil
}

// Configurations returns a bucket's configurations in Id order, without HTTP. Each is
// the caller's own copy. A missing bucket is the *Error NoSuchBucket, as over HTTP.
func (s *Server) Configurations(bucket string) ([]*inventory.Configuration, error) {
	cs, ok := s.store.configurations(bucket)
	if !ok {
		return nil, NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	out := make([]*inventory.Configuration, len(cs))
	for i, c := range cs {
		cfg, e := c.model()
		if e != nil {
			return nil, e
		}
		out[i] = cfg
	}
	return out, nil
}

// Buckets returns every bucket, sorted by name.
func (s *Server) Buckets() []Bucket { return s.store.listBuckets("") }

// Journal returns the journal's entries, oldest first.
func (s *Server) Journal() []Entry { return s.journal.snapshot() }

// ClearJournal empties the journal.
func (s *Server) ClearJournal() { s.journal.clear() }

// Reset empties the buckets, their configurations and objects, the delivery records
// (the next delivery is number 1 again) and the journal. The hook, the auth
// mode and the accounts (a seed's directory) stay: they configure the server.
func (s *Server) Reset() {
	s.store.reset()
	s.journal.clear()
}
