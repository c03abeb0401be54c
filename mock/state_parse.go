package mock

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/yamldoc"
)

// ParseState reads a seed or snapshot, YAML or JSON (told apart by content: a valid
// JSON text is JSON). It checks the shape (known keys, lists, strings, RFC 3339 dates)
// and a snapshot's seal, and returns every problem with its line in a *StateError; the
// documents themselves are checked by LoadState, which also knows the lines. An alias,
// a key given twice, or a second document or JSON value is refused (see yamldoc).
//
// A JSON document is read by a fast path (state_json.go) that gives the same State;
// whatever it cannot vouch for, a problem included, is read again here, with lines.
func ParseState(data []byte) (*State, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if st, ok := parseStateJSON(data); ok {
		return st, nil
	}
	return parseStateLines(data)
}

// readStateDocument reads data with yamldoc, a problem of the document itself as a
// *StateError with its line.
func readStateDocument(data []byte) (*yaml.Node, error) {
	root, err := yamldoc.Read(data)
	var de *yamldoc.Error
	if errors.As(err, &de) {
		return nil, &StateError{Problems: []StateProblem{problemAt(de.Line, "", "%s", de.Message)}}
	}
	return root, err
}

// parseStateLines is ParseState through the node tree of yamldoc, which keeps every
// line: the path of every YAML document, and of every JSON one with a problem.
func parseStateLines(data []byte) (*State, error) {
	root, err := readStateDocument(data)
	if err != nil {
		return nil, err
	}
	w := &stateWalker{}
	st := w.state(root)
	if len(w.problems) > 0 {
		return nil, &StateError{Problems: w.problems}
	}
	if p := st.checkSeal(); p != nil {
		return nil, &StateError{Problems: []StateProblem{*p}}
	}
	return st, nil
}

// stateWalker reads a YAML node tree (JSON included) into a State, refusing unknown
// keys and values of the wrong shape. The tree comes from yamldoc.Read: no alias, no
// key twice.
type stateWalker struct {
	problems []StateProblem
}

func (w *stateWalker) add(line int, path, format string, args ...any) {
	w.problems = append(w.problems, problemAt(line, path, format, args...))
}

// mapping calls f for each key of a mapping, refusing keys outside known.
func (w *stateWalker) mapping(n *yaml.Node, path string, known []string, f func(key string, v *yaml.Node, path string)) {
	if n.Kind != yaml.MappingNode {
		w.add(n.Line, path, "must be a mapping with keys %s", strings.Join(known, ", "))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := k.Value
		if path != "" {
			p = path + "." + k.Value
		}
		switch {
		case !slices.Contains(known, k.Value):
			w.add(k.Line, p, "unknown key %q; known keys: %s", k.Value, strings.Join(known, ", "))
		default:
			f(k.Value, v, p)
		}
	}
}

// list calls f for each item of a sequence; null is an empty list.
func (w *stateWalker) list(n *yaml.Node, path string, f func(i int, item *yaml.Node, path string)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		w.add(n.Line, path, "must be a list")
		return
	}
	for i, item := range n.Content {
		f(i, item, fmt.Sprintf("%s[%d]", path, i))
	}
}

// str reads a scalar as written (so "012" stays "012"); null is "".
func (w *stateWalker) str(n *yaml.Node, path string) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		w.add(n.Line, path, "must be a string")
		return ""
	}
	return n.Value
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func (w *stateWalker) state(root *yaml.Node) *State {
	st := &State{}
	if isNull(root) {
		return st
	}
	w.mapping(root, "", []string{"accounts", "buckets", "clock", "deliveries", "landings", "schedules", sealKey}, func(key string, v *yaml.Node, path string) {
		switch key {
		case "clock", "schedules", "landings":
			w.clockTop(key, v, path, st)
		case "deliveries":
			w.deliveries(v, path, st)
		case sealKey:
			st.hasSeal, st.sealLine = true, v.Line
			if !isNull(v) {
				w.mapping(v, path, []string{"sha256"}, func(_ string, v *yaml.Node, p string) {
					st.sealSum = w.str(v, p)
				})
			}
		case "buckets":
			w.list(v, path, func(_ int, item *yaml.Node, p string) {
				st.Buckets = append(st.Buckets, w.bucket(item, p))
			})
		case "accounts":
			st.accountsLine = v.Line
			w.list(v, path, func(_ int, item *yaml.Node, p string) {
				st.Accounts = append(st.Accounts, w.account(item, p))
				st.accountLines = append(st.accountLines, item.Line)
			})
		}
	})
	return st
}

func (w *stateWalker) bucket(n *yaml.Node, path string) BucketState {
	b := BucketState{line: n.Line}
	seenName := false
	w.mapping(n, path, []string{"created", "generate", "inventory", "name", "objects", "owner", "region"}, func(key string, v *yaml.Node, p string) {
		switch key {
		case "objects":
			b.Objects = w.objects(v, p)
		case "generate":
			if !isNull(v) {
				b.Generate, b.generateLine = w.generate(v, p), v.Line
			}
		case "name":
			b.Name, seenName = w.str(v, p), true
		case "owner":
			b.Owner = w.str(v, p)
		case "region":
			b.Region = w.str(v, p)
		case "created":
			if s := w.str(v, p); s != "" {
				t, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					w.add(v.Line, p, "not an RFC 3339 time such as 2026-11-25T12:00:00Z: %q", s)
				}
				b.Created = t.UTC()
			}
		case "inventory":
			w.list(v, p, func(_ int, item *yaml.Node, ip string) {
				b.Inventory = append(b.Inventory, w.str(item, ip))
				b.docLines = append(b.docLines, item.Line)
			})
		}
	})
	if !seenName && n.Kind == yaml.MappingNode {
		w.add(n.Line, path, "missing key \"name\"")
	}
	return b
}

func (w *stateWalker) account(n *yaml.Node, path string) identity.Account {
	var a identity.Account
	w.mapping(n, path, []string{"id", "keys"}, func(key string, v *yaml.Node, p string) {
		switch key {
		case "id":
			a.ID = w.str(v, p)
		case "keys":
			a.Keys = []identity.Key{}
			w.list(v, p, func(_ int, item *yaml.Node, kp string) {
				a.Keys = append(a.Keys, w.key(item, kp))
			})
		}
	})
	return a
}

func (w *stateWalker) key(n *yaml.Node, path string) identity.Key {
	var k identity.Key
	w.mapping(n, path, []string{"accessKeyId", "actions", "secretAccessKey"}, func(key string, v *yaml.Node, p string) {
		switch key {
		case "accessKeyId":
			k.AccessKeyID = w.str(v, p)
		case "secretAccessKey":
			k.SecretAccessKey = w.str(v, p)
		case "actions":
			w.list(v, p, func(_ int, item *yaml.Node, ap string) {
				k.Actions = append(k.Actions, w.str(item, ap))
			})
		}
	})
	return k
}
