package mock

// The IAM actions each operation needs (fixtures/FACTS.md section 1; CreateBucket and the rest from
// the IAM reference).
const (
	ActionPutInventoryConfiguration = "s3:PutInventoryConfiguration"
	ActionGetInventoryConfiguration = "s3:GetInventoryConfiguration"
	ActionCreateBucket              = "s3:CreateBucket"
	ActionDeleteBucket              = "s3:DeleteBucket"
	ActionListAllMyBuckets          = "s3:ListAllMyBuckets"
	ActionListBucket                = "s3:ListBucket" // HeadBucket
)

// RequiredAction is the IAM action an operation needs.
func RequiredAction(op Operation) string {
	switch op {
	case PutBucketInventoryConfiguration, DeleteBucketInventoryConfiguration:
		return ActionPutInventoryConfiguration
	case GetBucketInventoryConfiguration, ListBucketInventoryConfigurations:
		return ActionGetInventoryConfiguration
	case CreateBucket:
		return ActionCreateBucket
	case DeleteBucket:
		return ActionDeleteBucket
	case ListBuckets:
		return ActionListAllMyBuckets
	case HeadBucket:
		return ActionListBucket
	}
	return ""
}

// lookupBucket finds the call's bucket and checks that the caller may act on it, in
// S3's order: NoSuchBucket, then AccessDenied (owner, expected owner, permission), then
// the body's length and digests (checkBody).
func (s *Server) lookupBucket(c *Call) (Bucket, *Error) {
	b, ok := s.store.bucket(c.Bucket)
	if !ok {
		return Bucket{}, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket})
	}
	if e := s.checkAccess(c, b); e != nil {
		return Bucket{}, e
	}
	if e := s.checkBody(c); e != nil {
		return Bucket{}, e
	}
	return b, nil
}

// checkAccess refuses a caller that is not the bucket's owner, a request whose
// x-amz-expected-bucket-owner names another account, and a key without the action.
func (s *Server) checkAccess(c *Call, b Bucket) *Error {
	if c.Account != b.Owner {
		return NewError(AccessDenied)
	}
	if want, ok := c.Header["X-Amz-Expected-Bucket-Owner"]; ok && want[0] != b.Owner {
		return NewError(AccessDenied)
	}
	return s.checkPermission(c)
}
