package mock

import (
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/object"
)

// ObjectState is one object version of a seed or snapshot (buckets[].objects), and
// one item of PUT /_mock/buckets/{bucket}/objects: an object.Mapping, keyed by the
// inventory field names with the defaults of object.Resolve, plus BodyBase64 for a
// body that is not text. Snapshots write every field they hold, so that a restore
// answers the same bytes whatever the time of loading.
type ObjectState struct {
	object.Mapping `yaml:",inline"`
	// BodyBase64 is the body in standard base64, for bytes that are not UTF-8 (a
	// delivered .csv.gz or .parquet). At most one of Body and BodyBase64.
	BodyBase64 *string `json:"BodyBase64,omitempty" yaml:"BodyBase64,omitempty"`

	line     int            // line of the item, when parsed
	keyLines map[string]int // line of each key given, when parsed
}

// bodyBase64Key is the key of ObjectState.BodyBase64.
const bodyBase64Key = "BodyBase64"

// objectKeys maps each key an object item may carry to the index of its field in
// object.Mapping (-1 for BodyBase64), from the struct tags, so that the key names
// live in one place.
func objectKeys() (map[string]int, []string) {
	t := reflect.TypeFor[object.Mapping]()
	idx := make(map[string]int, t.NumField()+1)
	names := make([]string, 0, t.NumField()+1)
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		idx[name] = i
		names = append(names, name)
	}
	idx[bodyBase64Key] = -1
	return idx, append(names, bodyBase64Key)
}

// objects reads a list of object items; each problem names its line and the path
// path[i].Field.
func (w *stateWalker) objects(n *yaml.Node, path string) []ObjectState {
	idx, names := objectKeys()
	var out []ObjectState
	w.list(n, path, func(_ int, item *yaml.Node, p string) {
		out = append(out, w.object(item, p, idx, names))
	})
	return out
}

func (w *stateWalker) object(n *yaml.Node, path string, idx map[string]int, names []string) ObjectState {
	o := ObjectState{line: n.Line, keyLines: map[string]int{}}
	if n.Kind != yaml.MappingNode {
		w.add(n.Line, path, "must be a mapping of inventory field names (Key, VersionId, Size, ...)")
		return o
	}
	m := reflect.ValueOf(&o.Mapping).Elem()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := path + "." + k.Value
		f, ok := idx[k.Value]
		if !ok {
			w.add(k.Line, p, "unknown key %q; known keys: %s", k.Value, strings.Join(names, ", "))
			continue
		}
		o.keyLines[k.Value] = k.Line
		if isNull(v) {
			continue
		}
		var target reflect.Value
		if f < 0 {
			target = reflect.New(reflect.TypeFor[string]())
		} else {
			target = reflect.New(m.Field(f).Type().Elem())
		}
		if v.Kind != yaml.ScalarNode || !tagFits(v, target.Elem().Kind()) || v.Decode(target.Interface()) != nil {
			w.add(v.Line, p, "must be %s", kindName(target.Elem().Kind()))
			continue
		}
		if f < 0 {
			o.BodyBase64 = target.Interface().(*string)
		} else {
			m.Field(f).Set(target)
		}
	}
	return o
}

// tagFits refuses a quoted "true" for a boolean and a quoted "12" for a number:
// JSON and YAML alike give those as strings.
func tagFits(v *yaml.Node, k reflect.Kind) bool {
	switch k {
	case reflect.Bool:
		return v.ShortTag() == "!!bool"
	case reflect.Int64:
		return v.ShortTag() == "!!int"
	}
	return true
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "true or false"
	case reflect.Int64:
		return "a whole number"
	}
	return "a string"
}

// generate reads buckets[].generate.
func (w *stateWalker) generate(n *yaml.Node, path string) *object.GenerateSpec {
	g := &object.GenerateSpec{}
	w.mapping(n, path, []string{"count", "prefix", "seed", "versions"}, func(key string, v *yaml.Node, p string) {
		var err error
		switch key {
		case "count":
			err = v.Decode(&g.Count)
		case "prefix":
			g.Prefix = w.str(v, p)
		case "seed":
			err = v.Decode(&g.Seed)
		case "versions":
			err = v.Decode(&g.Versions)
		}
		if err != nil || (key != "prefix" && v.Kind != yaml.ScalarNode) {
			w.add(v.Line, p, "must be a whole number")
		}
	})
	return g
}

// ParseObjects reads the object list of PUT /_mock/buckets/{bucket}/objects: a JSON
// array or a YAML list of ObjectState mappings. Every problem of shape comes back
// with its line in a *StateError, paths like objects[3].Size; the values are checked
// when they are put (PutSeedObjects).
func ParseObjects(data []byte) ([]ObjectState, error) {
	root, err := readStateDocument(data)
	if err != nil {
		return nil, err
	}
	w := &stateWalker{}
	objs := w.objects(root, "objects")
	if len(w.problems) > 0 {
		return nil, &StateError{Problems: w.problems}
	}
	return objs, nil
}

// resolveObjects checks items as seeds are checked and packs them: every problem
// with the line of its field and a path like path[3].Size. A key and version id
// given twice is refused. d is the defaults of the bucket they go into.
func resolveObjects(items []ObjectState, path string, d object.Defaults, pk *object.Packer) ([]object.Stored, []StateProblem) {
	var problems []StateProblem
	out := make([]object.Stored, 0, len(items))
	first := make(map[[2]string]int, len(items))
	for i := range items {
		it := &items[i]
		p := fmt.Sprintf("%s[%d]", path, i)
		at := func(field string) (int, string) {
			if l, ok := it.keyLines[field]; ok {
				return l, p + "." + field
			}
			return it.line, p + "." + field
		}
		m := it.Mapping
		if it.BodyBase64 != nil {
			body, err := base64.StdEncoding.DecodeString(*it.BodyBase64)
			line, fp := at(bodyBase64Key)
			switch {
			case m.Body != nil:
				problems = append(problems, problemAt(line, fp, "give Body or BodyBase64, not both"))
			case err != nil:
				problems = append(problems, problemAt(line, fp, "is not standard base64: %v", err))
			default:
				s := string(body)
				m.Body = &s
			}
		}
		v, err := object.Resolve(m, d)
		dup := false
		if k := [2]string{v.Key, v.VersionID}; v.Key != "" {
			if j, seen := first[k]; seen {
				line, fp := at("Key")
				problems = append(problems, problemAt(line, fp, "Key %q with VersionId %q is listed twice (first at %s[%d])",
					v.Key, v.VersionID, path, j))
				dup = true
			} else {
				first[k] = i
			}
		}
		var fes object.FieldErrors
		switch {
		case errors.As(err, &fes):
			for _, fe := range fes {
				line, fp := at(fe.Field)
				problems = append(problems, problemAt(line, fp, "%s", fe.Problem))
			}
			continue
		case err != nil:
			problems = append(problems, problemAt(it.line, p, "%v", err))
			continue
		case dup:
			continue
		}
		s, err := pk.Pack(v)
		if err != nil {
			problems = append(problems, problemAt(it.line, p, "%v", err))
			continue
		}
		out = append(out, s)
	}
	return out, problems
}
