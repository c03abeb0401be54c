package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/identity"
)

// ParseState reads a seed or snapshot, YAML or JSON (told apart by content: a
// document that starts with "{" is JSON). It checks the shape (known keys, lists,
// strings, RFC 3339 dates) and returns every problem with its line in a *StateError;
// the documents themselves are checked by LoadState, which also knows the lines.
func ParseState(data []byte) (*State, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, &StateError{Problems: []StateProblem{problemAt(1, "", "empty document")}}
	}
	if trimmed[0] == '{' {
		if p := jsonSyntaxProblem(data); p != nil {
			return nil, &StateError{Problems: []StateProblem{*p}}
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &StateError{Problems: []StateProblem{yamlProblem(err)}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	w := &stateWalker{}
	st := w.state(root)
	if len(w.problems) > 0 {
		return nil, &StateError{Problems: w.problems}
	}
	return st, nil
}

// stateWalker reads a YAML node tree (JSON included) into a State, refusing unknown
// keys and values of the wrong shape.
type stateWalker struct {
	problems []StateProblem
}

func (w *stateWalker) add(line int, path, format string, args ...any) {
	w.problems = append(w.problems, problemAt(line, path, format, args...))
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// mapping calls f for each key of a mapping, refusing keys outside known.
func (w *stateWalker) mapping(n *yaml.Node, path string, known []string, f func(key string, v *yaml.Node, path string)) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		w.add(n.Line, path, "must be a mapping with keys %s", strings.Join(known, ", "))
		return
	}
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		p := k.Value
		if path != "" {
			p = path + "." + k.Value
		}
		switch {
		case !containsString(known, k.Value):
			w.add(k.Line, p, "unknown key %q; known keys: %s", k.Value, strings.Join(known, ", "))
		case seen[k.Value]:
			w.add(k.Line, p, "key %q is given twice", k.Value)
		default:
			seen[k.Value] = true
			f(k.Value, v, p)
		}
	}
}

// list calls f for each item of a sequence; null is an empty list.
func (w *stateWalker) list(n *yaml.Node, path string, f func(i int, item *yaml.Node, path string)) {
	n = resolve(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		w.add(n.Line, path, "must be a list")
		return
	}
	for i, item := range n.Content {
		f(i, resolve(item), fmt.Sprintf("%s[%d]", path, i))
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
	w.mapping(root, "", []string{"accounts", "buckets"}, func(key string, v *yaml.Node, path string) {
		switch key {
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
	w.mapping(n, path, []string{"created", "inventory", "name", "owner", "region"}, func(key string, v *yaml.Node, p string) {
		switch key {
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

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// jsonSyntaxProblem reports where a document that starts like JSON stops being JSON.
func jsonSyntaxProblem(data []byte) *StateProblem {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, extra := dec.Token(); extra != nil {
			return nil
		}
		err = errors.New("more than one JSON value")
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	line := 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	p := problemAt(line, "", "not valid JSON: %v", err)
	return &p
}

// yamlProblem turns a yaml.v3 syntax error into a problem with its line.
func yamlProblem(err error) StateProblem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if i := strings.Index(msg, "line "); i >= 0 {
		_, _ = fmt.Sscanf(msg[i:], "line %d", &line)
		if rest, ok := strings.CutPrefix(msg[i:], fmt.Sprintf("line %d: ", line)); ok {
			msg = msg[:i] + rest
		}
	}
	return problemAt(line, "", "not valid YAML: %s", msg)
}
