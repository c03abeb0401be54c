package mock

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gorilla/mux"
)

// Route names of the addressing router.
const (
	routeVirtual = "virtual-hosted" // {bucket}.{base}/{key}
	routeService = "service"        // / : ListBuckets
	routeBucket  = "bucket"         // /{bucket}
	routeObject  = "object"         // /{bucket}/{key}; "/b/" (the JS SDK's form) is the bucket
)

// newRouter resolves addressing: which bucket and key a request names. The operation
// is then chosen from the method and the set of query keys (classify).
func (s *Server) newRouter() *mux.Router {
	r := mux.NewRouter().SkipClean(true).UseEncodedPath()
	r.MatcherFunc(s.matchVirtualHost).Name(routeVirtual)
	r.Path("/").Name(routeService)
	r.Path("/{bucket}").Name(routeBucket)
	r.Path("/{bucket}/{key:.*}").Name(routeObject)
	return r
}

// hostPattern is a virtual-hosted base split into DNS labels; "{region}" matches any one.
type hostPattern []string

func compileHosts(bases []string) []hostPattern {
	out := make([]hostPattern, 0, len(bases))
	for _, b := range bases {
		if b = strings.Trim(strings.ToLower(strings.TrimSpace(b)), "."); b != "" {
			out = append(out, strings.Split(b, "."))
		}
	}
	return out
}

// virtualBucket returns the bucket named by a Host of the form {bucket}.{base}.
func (s *Server) virtualBucket(host string) (string, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	labels := strings.Split(host, ".")
	for _, p := range s.hosts {
		if len(labels) <= len(p) {
			continue
		}
		tail := labels[len(labels)-len(p):]
		match := true
		for i, want := range p {
			if want != "{region}" && want != tail[i] || tail[i] == "" {
				match = false
				break
			}
		}
		if match {
			return strings.Join(labels[:len(labels)-len(p)], "."), true
		}
	}
	return "", false
}

func (s *Server) matchVirtualHost(r *http.Request, m *mux.RouteMatch) bool {
	b, ok := s.virtualBucket(r.Host)
	if ok {
		m.Vars = map[string]string{"bucket": b}
	}
	return ok
}

// bucketSelectors are the query keys that name a bucket subresource. Two of them in one
// request conflict; any but inventory is an operation the fake does not implement.
var bucketSelectors = map[string]bool{
	"accelerate": true, "acl": true, "analytics": true, "cors": true, "encryption": true,
	"intelligent-tiering": true, "inventory": true, "lifecycle": true, "location": true,
	"logging": true, "metadataConfiguration": true, "metadataTable": true, "metrics": true,
	"notification": true, "object-lock": true, "ownershipControls": true, "policy": true,
	"policyStatus": true, "publicAccessBlock": true, "replication": true,
	"requestPayment": true, "tagging": true, "versioning": true, "versions": true,
	"website": true, "uploads": true, "delete": true, "session": true, "abac": true,
	"torrent": true, "restore": true, "select": true, "retention": true, "legal-hold": true,
	"attributes": true, "renameObject": true,
}

// route fills c with the operation, bucket, key and query values of r.
func (s *Server) route(r *http.Request, c *Call) {
	var m mux.RouteMatch
	if !s.router.Match(r, &m) {
		c.Operation = UnsupportedOperation
		return
	}
	var key string
	switch m.Route.GetName() {
	case routeVirtual:
		c.Bucket, c.VirtualHosted = m.Vars["bucket"], true
		key = strings.TrimPrefix(r.URL.EscapedPath(), "/")
	case routeBucket, routeObject:
		c.Bucket, key = m.Vars["bucket"], m.Vars["key"]
		if b, err := url.PathUnescape(c.Bucket); err == nil {
			c.Bucket = b
		}
	}
	if k, err := url.PathUnescape(key); err == nil {
		key = k
	}
	c.Key = key
	q := r.URL.Query()
	c.Query = q
	c.ID = q.Get("id")
	if t, ok := q["continuation-token"]; ok {
		c.HasContinuationToken, c.ContinuationToken = true, t[0]
	}
	c.Operation, c.Err = classify(r, c, q)
}

// classify picks the operation from the method and the set of query keys (never their
// order: the Go SDK sends ?id=X&inventory=&x-id=..., botocore ?inventory&id=X).
func classify(r *http.Request, c *Call, q url.Values) (Operation, *Error) {
	var selectors []string
	for k := range q {
		if bucketSelectors[k] {
			selectors = append(selectors, k)
		}
	}
	slices.Sort(selectors)
	var op Operation
	switch {
	case c.Bucket == "":
		if r.Method != http.MethodGet || len(selectors) > 0 {
			return UnsupportedOperation, nil
		}
		return ListBuckets, nil
	case len(selectors) > 1:
		return UnsupportedOperation, NewError(InvalidArgument,
			Member{"ArgumentName", "ResourceType"}, Member{"ArgumentValue", selectors[0]}).
			WithMessage("Conflicting query string parameters: " + strings.Join(selectors, ", "))
	case len(selectors) == 1 && selectors[0] == "inventory":
		// A bucket selector sent at an object path gets the bucket's answer (recorded).
		switch r.Method {
		case http.MethodGet:
			op = ListBucketInventoryConfigurations
			if c.ID != "" {
				op = GetBucketInventoryConfiguration // even with a continuation-token
			}
		case http.MethodPut:
			op = PutBucketInventoryConfiguration
		case http.MethodDelete:
			op = DeleteBucketInventoryConfiguration
		default:
			return UnsupportedOperation, NewError(MethodNotAllowed,
				Member{"Method", r.Method}, Member{"ResourceType", MethodNotAllowedResourceType})
		}
		if (op == PutBucketInventoryConfiguration || op == DeleteBucketInventoryConfiguration) && c.ID == "" {
			return op, NewError(InvalidArgument, Member{"ArgumentName", "id"}, Member{"ArgumentValue", ""}).
				WithMessage(MissingIDMessage)
		}
	case len(selectors) == 1 || c.Key != "":
		return UnsupportedOperation, nil
	default:
		switch r.Method {
		case http.MethodPut:
			op = CreateBucket
		case http.MethodHead:
			op = HeadBucket
		case http.MethodDelete:
			op = DeleteBucket
		default:
			return UnsupportedOperation, nil // ListObjects and the rest
		}
	}
	if !ValidBucketName(c.Bucket) {
		return op, NewError(InvalidBucketName, Member{"BucketName", c.Bucket})
	}
	if r.Method == http.MethodPut && r.Header.Get("Content-Length") == "" && len(r.TransferEncoding) == 0 {
		return op, NewError(MissingContentLength)
	}
	return op, nil
}

// notImplemented answers any S3 operation the fake does not serve. C: S3 names the
// offending header in <Header>; we name the subresource (or nothing for object and
// listing operations), since no header is to blame.
func notImplemented(c *Call) *Error {
	name := ""
	for k := range c.Query {
		if bucketSelectors[k] && (name == "" || k < name) {
			name = k
		}
	}
	return NewError(NotImplemented, Member{"Header", name})
}

// ValidBucketName applies S3's naming rules: 3-63 characters of lower-case letters,
// digits, '.' and '-', starting and ending with a letter or digit, not an IP address.
func ValidBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 {
		return false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		alnum := ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
		if !alnum && ch != '.' && ch != '-' {
			return false
		}
		if (i == 0 || i == len(name)-1) && !alnum {
			return false
		}
	}
	if strings.Contains(name, "..") {
		return false
	}
	return net.ParseIP(name) == nil
}
