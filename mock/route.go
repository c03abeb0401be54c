package mock

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gorilla/mux"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// Route names of the addressing router.
const (
	routeVirtual = "virtual-hosted" // {bucket}.{base}/{key...}: the key is the whole path
	routeService = "service"        // "/": ListBuckets
	routeBucket  = "bucket"         // "/{bucket}"
	routeObject  = "object"         // "/{bucket}/{key}"; "/b/" (the JS SDK's form) is the bucket
)

// newRouter is the gorilla/mux router that resolves addressing, in this order: a Host
// of the form {bucket}.{base} (virtual-hosted), "/", "/{bucket}", "/{bucket}/{key}".
// It reads the escaped path without cleaning it, so that %2F stays inside a segment
// and "//" or ".." reach classify as sent. The operation is then chosen from the
// method and the set of query keys (classify).
func (s *Server) newRouter() *mux.Router {
	r := mux.NewRouter().SkipClean(true).UseEncodedPath()
	r.MatcherFunc(s.matchVirtualHost).Name(routeVirtual)
	r.MatcherFunc(matchServicePath).Name(routeService)
	// The path routes are matchers rather than the templates "/", "/{bucket}" and
	// "/{bucket}/{key:.*}": the same rules (a non-empty first segment, then anything),
	// without a regular expression run on every request (it was a fifth of a
	// GetObject's CPU; "/" alone was still 4% of a HeadBucket's).
	r.MatcherFunc(matchBucketPath).Name(routeBucket)
	r.MatcherFunc(matchObjectPath).Name(routeObject)
	return r
}

// The matchers set no route variables: a map of them cost two allocations a request
// (a fifth of a Put's, heap profile of BenchmarkServeHTTP/Put). address reads the
// bucket and key again from the path, with the same pathParts. mux still makes an
// empty map for a match without one; Server.noVars is that map, made once and never
// written, since no route here has a template.

// pathParts splits an escaped path "/{bucket}" or "/{bucket}/{key}"; ok is false
// for a path without the leading slash or with an empty first segment.
func pathParts(escaped string) (bucket, key string, hasKey, ok bool) {
	rest, ok := strings.CutPrefix(escaped, "/")
	if !ok {
		return "", "", false, false
	}
	bucket, key, hasKey = strings.Cut(rest, "/")
	return bucket, key, hasKey, bucket != ""
}

// matchServicePath takes "/" alone, as the template "/" did (SkipClean: "//" is not it).
func matchServicePath(r *http.Request, _ *mux.RouteMatch) bool {
	return r.URL.EscapedPath() == "/"
}

// matchBucketPath takes "/{bucket}": one non-empty segment of the escaped path.
func matchBucketPath(r *http.Request, _ *mux.RouteMatch) bool {
	_, _, hasKey, ok := pathParts(r.URL.EscapedPath())
	return ok && !hasKey
}

// matchObjectPath takes "/{bucket}/{key}": a non-empty first segment, then any key,
// empty included ("/b/", the JS SDK's form of the bucket).
func matchObjectPath(r *http.Request, _ *mux.RouteMatch) bool {
	_, _, hasKey, ok := pathParts(r.URL.EscapedPath())
	return ok && hasKey
}

// matchVirtualHost is the router's virtual-hosted matcher.
func (s *Server) matchVirtualHost(r *http.Request, _ *mux.RouteMatch) bool {
	_, ok := s.virtualBucket(r.Host)
	return ok
}

// address returns the bucket and the (escaped) key a request names; ok is false for a
// path no route takes ("", "//x").
func (s *Server) address(r *http.Request, m *mux.RouteMatch) (bucket, key string, virtual, ok bool) {
	*m = mux.RouteMatch{Vars: s.noVars}
	if !s.router.Match(r, m) {
		return "", "", false, false
	}
	switch m.Route.GetName() {
	case routeVirtual:
		bucket, _ = s.virtualBucket(r.Host)
		return bucket, strings.TrimPrefix(r.URL.EscapedPath(), "/"), true, true
	case routeBucket, routeObject:
		bucket, key, _, _ = pathParts(r.URL.EscapedPath())
		return bucket, key, false, true
	}
	return "", "", false, true
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

// virtualBucket returns the bucket named by a Host of the form {bucket}.{base}. It
// reads the host in place: no split, no copy unless the Host has upper-case letters.
func (s *Server) virtualBucket(host string) (string, bool) {
	if len(s.hosts) == 0 {
		return "", false
	}
	host = strings.TrimSuffix(strings.ToLower(stripPort(host)), ".") // a fully qualified name
	for _, p := range s.hosts {
		if b, ok := p.bucketOf(host); ok {
			return b, true
		}
	}
	return "", false
}

// stripPort drops a ":port" as net.SplitHostPort would, and leaves a host it would
// refuse (two colons, stray brackets) as it is.
func stripPort(host string) string {
	if strings.ContainsAny(host, "[]") {
		if h, _, err := net.SplitHostPort(host); err == nil {
			return h
		}
		return host
	}
	if i := strings.IndexByte(host, ':'); i >= 0 && strings.IndexByte(host[i+1:], ':') < 0 {
		return host[:i]
	}
	return host
}

// bucketOf matches host's last labels against p and returns the labels before them,
// joined as they were: "a.b.s3.amazonaws.com" gives "a.b". At least one label must
// precede the base (it may be empty: ".localhost" names the bucket ""), and no label
// of the base may be empty.
func (p hostPattern) bucketOf(host string) (string, bool) {
	end := len(host)
	for i := len(p) - 1; i >= 0; i-- {
		dot := strings.LastIndexByte(host[:end], '.')
		if dot < 0 {
			return "", false // no label left before the base
		}
		label := host[dot+1 : end]
		if label == "" || p[i] != "{region}" && p[i] != label {
			return "", false
		}
		end = dot
	}
	return host[:end], true
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

// route fills c with the query (parsed once here: every later step reads c.Query),
// the operation, bucket and key of r.
func (s *Server) route(r *http.Request, c *Call, st *exchangeState) {
	c.Query = identity.AppendQuery(st.query[:0], r.URL.RawQuery)
	c.ID, _ = c.Query.Get("id")
	c.ContinuationToken, c.HasContinuationToken = c.Query.Get("continuation-token")
	bucket, key, virtual, ok := s.address(r, &st.match)
	if !ok {
		c.Operation = UnsupportedOperation
		return
	}
	c.Bucket, c.VirtualHosted = bucket, virtual
	if !virtual {
		if b, err := url.PathUnescape(c.Bucket); err == nil {
			c.Bucket = b
		}
	}
	if k, err := url.PathUnescape(key); err == nil {
		key = k
	}
	c.Key = key
	c.Operation, c.Err = classify(r, c)
}

// classify picks the operation from the method and the set of query keys (never their
// order: the Go SDK sends ?id=X&inventory=&x-id=..., botocore ?inventory&id=X).
func classify(r *http.Request, c *Call) (Operation, *Error) {
	var selectors []string
	for _, p := range c.Query {
		if bucketSelectors[p.Key] && !slices.Contains(selectors, p.Key) {
			selectors = append(selectors, p.Key)
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
			Member{Name: "ArgumentName", Value: "ResourceType"}, Member{Name: "ArgumentValue", Value: selectors[0]}).
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
				Member{Name: "Method", Value: r.Method}, Member{Name: "ResourceType", Value: MethodNotAllowedResourceType})
		}
		if (op == PutBucketInventoryConfiguration || op == DeleteBucketInventoryConfiguration) && c.ID == "" {
			return op, NewError(InvalidArgument, Member{Name: "ArgumentName", Value: "id"}, Member{Name: "ArgumentValue", Value: ""}).
				WithMessage(MissingIDMessage)
		}
	case len(selectors) == 1:
		return UnsupportedOperation, nil
	case c.Key != "":
		if op = objectOperation(r.Method, c.Query); op == UnsupportedOperation {
			return op, nil
		}
	default:
		switch r.Method {
		case http.MethodPut:
			op = CreateBucket
		case http.MethodHead:
			op = HeadBucket
		case http.MethodDelete:
			op = DeleteBucket
		case http.MethodGet:
			op = ListObjects // list-type absent, 1, 0 or anything but 2 (recorded)
			if v, _ := c.Query.Get("list-type"); v == "2" {
				op = ListObjectsV2
			}
		default:
			return UnsupportedOperation, nil
		}
	}
	if !ValidBucketName(c.Bucket) {
		return op, NewError(InvalidBucketName, Member{Name: "BucketName", Value: c.Bucket})
	}
	if r.Method == http.MethodPut && identity.FirstValue(r.Header, "Content-Length") == "" && len(r.TransferEncoding) == 0 {
		return op, NewError(MissingContentLength)
	}
	return op, nil
}

// objectOperation is the operation of a request at an object path without a bucket
// subresource: GetObject and HeadObject; anything else (PutObject, DeleteObject, a
// multipart upload's parts, a partNumber read) is not implemented.
func objectOperation(method string, q identity.Query) Operation {
	if q.Has("uploadId") || q.Has("partNumber") {
		return UnsupportedOperation
	}
	switch method {
	case http.MethodGet:
		return GetObject
	case http.MethodHead:
		return HeadObject
	}
	return UnsupportedOperation
}
