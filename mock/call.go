package mock

import (
	"net/http"

	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// Operation is an AWS S3 operation name, spelled as the SDKs spell it in their errors
// ("operation error S3: GetBucketInventoryConfiguration"). It names routes, journal
// entries, scenario matches and fixture folders alike.
type Operation string

// The operations the fake answers. Anything else routes to NotImplementedOperation.
const (
	PutBucketInventoryConfiguration    Operation = "PutBucketInventoryConfiguration"
	GetBucketInventoryConfiguration    Operation = "GetBucketInventoryConfiguration"
	DeleteBucketInventoryConfiguration Operation = "DeleteBucketInventoryConfiguration"
	ListBucketInventoryConfigurations  Operation = "ListBucketInventoryConfigurations"
	CreateBucket                       Operation = "CreateBucket"
	HeadBucket                         Operation = "HeadBucket"
	DeleteBucket                       Operation = "DeleteBucket"
	ListBuckets                        Operation = "ListBuckets"
	// The object reads (fixtures/FACTS.md section 8).
	ListObjectsV2 Operation = "ListObjectsV2"
	ListObjects   Operation = "ListObjects"
	GetObject     Operation = "GetObject"
	HeadObject    Operation = "HeadObject"
	// UnsupportedOperation is any other S3 request: it answers 501 NotImplemented, or
	// the routing error in Call.Err (conflicting selectors, a method ?inventory does not
	// allow).
	UnsupportedOperation Operation = "Unsupported"
)

// Operations lists every operation the fake implements, in a stable order; the slice
// is the caller's own.
func Operations() []Operation {
	return []Operation{
		PutBucketInventoryConfiguration, GetBucketInventoryConfiguration,
		DeleteBucketInventoryConfiguration, ListBucketInventoryConfigurations,
		CreateBucket, HeadBucket, DeleteBucket, ListBuckets,
		ListObjectsV2, ListObjects, GetObject, HeadObject,
	}
}

// Call is one request as routing understood it. Every later step (scenario hook,
// identity, operation, journal) reads the Call instead of parsing the URL again.
type Call struct {
	Operation Operation
	Method    string
	Path      string // the raw request path
	Host      string
	Bucket    string // empty for ListBuckets
	Key       string // the object key of a bucket selector sent at an object path
	ID        string // the ?id value ("" when absent or empty)
	// HasContinuationToken is true when the query carried continuation-token, even empty.
	HasContinuationToken bool
	ContinuationToken    string // percent-decoded
	VirtualHosted        bool
	Query                identity.Query // parsed once, by routing
	Header               http.Header

	AccessKey string // from the SigV4 Authorization header or presigned query; "" if unsigned
	Account   string // the caller's account id: its key's account, else DefaultAccount

	RequestID string // x-amz-request-id of the answer
	HostID    string // x-amz-id-2 of the answer
	Received  time.Time

	// Err is set when routing already refused the request; Operation is then the one
	// the request asked for (Put without ?id) or UnsupportedOperation.
	Err *Error
	// Page and Trap let a scenario reshape a List answer (paginator traps). Zero values
	// mean the S3 defaults: 100 per page, no trap.
	PageSize int
	PageTrap PageTrap
	// Stale, set by a hook, makes a configuration operation see the bucket's
	// configurations as they were before their last change (propagation lag, see
	// StaleRead). Nil: the current ones.
	Stale *StaleRead

	// Filled in while answering, for the journal.
	Status     int
	ErrorCode  ErrorCode
	FiredRules []string

	body []byte        // the request body once read, for capture
	key  *identity.Key // the caller's key when the directory knows it
	req  *http.Request // for reading the body once the bucket and caller are checked

	// bodyElided is the size of a request body a hook did not keep (ElideBody).
	bodyElided int64
}

// PageTrap names a deliberately wrong List answer that exposes paginator bugs.
type PageTrap string

// The paginator traps a scenario can set on a List call.
const (
	TrapNone      PageTrap = ""
	TrapNoToken   PageTrap = "no-token"   // IsTruncated true, no NextContinuationToken
	TrapSameToken PageTrap = "same-token" // every page hands back the first page's token
	TrapCycle     PageTrap = "cycle"      // tokens alternate between the first two pages
	TrapRestart   PageTrap = "restart"    // the token leads back to page one
	TrapCut       PageTrap = "cut"        // the XML stops after the first configuration
)
