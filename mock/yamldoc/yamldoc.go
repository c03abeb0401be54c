package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a document Read refuses: the 1-based line where it goes wrong (0 when
// yaml.v3 names none) and what is wrong there.
type Error struct {
	Line    int
	Message string
}

// Error reads like "line 3: key "name" is given twice in this mapping (first on line 2)".
func (e *Error) Error() string {
	if e.Line > 0 {
		return "line " + strconv.Itoa(e.Line) + ": " + e.Message
	}
	return e.Message
}

// Read parses data, a valid JSON text or else a YAML document (JSON is YAML), and
// returns the root value. An empty document (nothing but spaces and comments) is
// refused. A text that starts like JSON ({ or [) but
// parses as neither JSON nor YAML is refused with the JSON error, the likelier mistake.
func Read(data []byte) (*yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Line: 1, Message: "empty document"}
	}
	if second, ok := secondJSONValue(data); ok {
		return nil, &Error{Line: lineAt(data, second), Message: "a second JSON value; a document holds one"}
	}
	root, err := readYAML(data)
	var de *Error
	if errors.As(err, &de) && strings.HasPrefix(de.Message, "not valid YAML") && startsLikeJSON(data) {
		if jerr := jsonSyntax(data); jerr != nil {
			return nil, jerr
		}
	}
	return root, err
}

// ReadJSON is Read for a text that must be strict JSON: a syntax error is refused with
// its line, as JSON (not YAML) reports it.
func ReadJSON(data []byte) (*yaml.Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Line: 1, Message: "empty document"}
	}
	if err := jsonSyntax(data); err != nil {
		return nil, err
	}
	return readYAML(data)
}

// readYAML parses exactly one YAML document and checks its tree.
func readYAML(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Line: 1, Message: "empty document"}
		}
		return nil, syntaxError(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &Error{Line: next.Line, Message: "a second YAML document (---); a file holds one"}
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(err)
	}
	root := &doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	if err := check(root); err != nil {
		return nil, err
	}
	return root, nil
}

// check refuses aliases and duplicate keys anywhere under n. The tree holds no alias
// yet when it runs, so the walk visits each node of the text once.
func check(n *yaml.Node) error {
	switch n.Kind {
	case yaml.AliasNode:
		return &Error{Line: n.Line, Message: "alias *" + n.Value + ": aliases are not accepted (each " +
			"reference would be read again in full); write the value out"}
	case yaml.MappingNode:
		if err := duplicateKey(n); err != nil {
			return err
		}
	}
	for _, c := range n.Content {
		if err := check(c); err != nil {
			return err
		}
	}
	return nil
}

// duplicateKey refuses the second of two scalar keys with the same text in one
// mapping. Small mappings (every mapping of s3invmock's formats) are compared pairwise,
// with no allocation; a large one uses a set.
func duplicateKey(n *yaml.Node) error {
	keys := len(n.Content) / 2
	dup := func(i, j int) error {
		first, k := n.Content[2*i], n.Content[2*j]
		return &Error{Line: k.Line, Message: fmt.Sprintf("key %q is given twice in this mapping (first on line %d)", k.Value, first.Line)}
	}
	if keys <= 16 {
		for j := 1; j < keys; j++ {
			kj := n.Content[2*j]
			for i := 0; i < j; i++ {
				if ki := n.Content[2*i]; kj.Kind == yaml.ScalarNode && ki.Kind == yaml.ScalarNode && ki.Value == kj.Value {
					return dup(i, j)
				}
			}
		}
		return nil
	}
	seen := make(map[string]int, keys)
	for j := 0; j < keys; j++ {
		k := n.Content[2*j]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if i, ok := seen[k.Value]; ok {
			return dup(i, j)
		}
		seen[k.Value] = j
	}
	return nil
}
