package control

import (
	"errors"
	"net/http"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// ObjectsPath is the pattern of the endpoint that puts objects into a bucket: PUT with
// a seed's object list (a JSON array or a YAML list of mappings keyed by inventory
// field names, see mock.ObjectState). A refused list changes nothing.
const ObjectsPath = "/_mock/buckets/{bucket}/objects"

// Codes of the objects and deliveries endpoints.
const (
	// CodeNoSuchBucket (404): the bucket in the path or body does not exist.
	CodeNoSuchBucket = "NO_SUCH_BUCKET"
	// CodeNoSuchConfiguration (404): the bucket has no configuration of that Id.
	CodeNoSuchConfiguration = "NO_SUCH_CONFIGURATION"
)

// bucketPath maps /_mock/buckets/NAME/objects to ObjectsPath and sets the path value
// "bucket" of r; any other path is returned as it is.
func bucketPath(r *http.Request, path string) string {
	rest, ok := strings.CutPrefix(path, "/_mock/buckets/")
	if !ok {
		return path
	}
	name, ok := strings.CutSuffix(rest, "/objects")
	if !ok || name == "" || strings.Contains(name, "/") {
		return path
	}
	r.SetPathValue("bucket", name)
	return ObjectsPath
}

func (h *handler) objectRoutes() {
	// Locked with the state endpoints: it writes into any account's bucket unsigned.
	h.handle(http.MethodPut, ObjectsPath, h.adminOnly(h.putObjects))
}

// ObjectsSummary is the data of a successful PUT of objects.
type ObjectsSummary struct {
	Bucket string `json:"bucket"`
	// Put is the number of versions in the request; Objects the bucket's versions now.
	Put     int `json:"put"`
	Objects int `json:"objects"`
}

func (h *handler) putObjects(w http.ResponseWriter, r *http.Request) {
	bucket := r.PathValue("bucket")
	body, ok := h.readBody(w, r)
	if !ok {
		return
	}
	objs, err := mock.ParseObjects(body)
	if err == nil {
		err = h.srv.PutSeedObjects(bucket, objs)
	}
	var se *mock.StateError
	var oe *mock.ObjectsError
	switch {
	case errors.Is(err, mock.NoSuchBucket):
		WriteError(w, http.StatusNotFound, CodeNoSuchBucket, "bucket "+quote(bucket)+" does not exist")
	case errors.As(err, &se):
		writeProblems(w, "the objects were refused; nothing changed", se.Problems)
	case errors.As(err, &oe):
		writeProblems(w, "the objects were refused; nothing changed", oe.Problems)
	case err != nil:
		WriteError(w, http.StatusBadRequest, CodeValidation, err.Error())
	default:
		all, _ := h.srv.Objects(bucket)
		WriteData(w, http.StatusOK, ObjectsSummary{Bucket: bucket, Put: len(objs), Objects: len(all)})
	}
}

// writeProblems answers 400 VALIDATION_ERROR with one detail per problem, its path
// and line apart.
func writeProblems(w http.ResponseWriter, msg string, problems []mock.StateProblem) {
	details := make([]Detail, len(problems))
	for i, p := range problems {
		line, path := p.Line, p.Path
		p.Line, p.Path = 0, ""
		details[i] = Detail{Path: path, Line: line, Message: p.Error()}
	}
	WriteError(w, http.StatusBadRequest, CodeValidation, msg, details...)
}

func quote(s string) string { return `"` + s + `"` }
