package mock

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// node is one element of a request document: lenient in (any child order, both
// <SSE-S3/> spellings, whitespace between elements), strict about everything else.
type node struct {
	name     string
	children []*node
	text     string // character data of a leaf; whitespace-only data of a container is dropped
}

// Limits that keep a hostile document cheap to refuse. A real inventory document has
// 7 levels and about 40 elements.
const (
	maxXMLDepth    = 16
	maxXMLElements = 4096
)

var errNotWellFormed = errors.New("not well-formed or not valid")

// parseTree reads one document whose root is named root in the S3 namespace (or in no
// namespace). Anything that is not a single well-formed element tree is refused.
func parseTree(body []byte, root string) (*node, error) {
	// A UTF-8 byte-order mark is legal XML; encoding/xml does not skip it.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var stack []*node
	var top *node
	elements := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errNotWellFormed
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if top != nil && len(stack) == 0 {
				return nil, errNotWellFormed // a second root
			}
			if t.Name.Space != "" && t.Name.Space != s3Namespace {
				return nil, errNotWellFormed
			}
			elements++
			if elements > maxXMLElements || len(stack) >= maxXMLDepth {
				return nil, errNotWellFormed
			}
			n := &node{name: t.Name.Local}
			if len(stack) == 0 {
				if n.name != root {
					return nil, errNotWellFormed
				}
				top = n
			} else {
				parent := stack[len(stack)-1]
				if strings.TrimSpace(parent.text) != "" {
					return nil, errNotWellFormed // mixed content
				}
				parent.text = ""
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, errNotWellFormed // text outside the root
				}
				continue
			}
			cur := stack[len(stack)-1]
			if len(cur.children) > 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, errNotWellFormed
				}
				continue
			}
			cur.text += string(t)
		case xml.Directive:
			return nil, errNotWellFormed // DOCTYPE and entity declarations
		}
	}
	if top == nil || len(stack) != 0 {
		return nil, errNotWellFormed
	}
	return top, nil
}

// child returns the only child called name, or nil; a repeated child is an error.
func (n *node) child(name string) (*node, error) {
	var found *node
	for _, c := range n.children {
		if c.name == name {
			if found != nil {
				return nil, errNotWellFormed
			}
			found = c
		}
	}
	return found, nil
}

// onlyChildren refuses any child whose name is not allowed.
func (n *node) onlyChildren(allowed ...string) error {
	for _, c := range n.children {
		ok := false
		for _, a := range allowed {
			if c.name == a {
				ok = true
				break
			}
		}
		if !ok {
			return errNotWellFormed
		}
	}
	return nil
}

// leaf returns the text of a required leaf child.
func (n *node) leaf(name string) (string, error) {
	c, err := n.optionalLeaf(name)
	if err != nil {
		return "", err
	}
	if c == nil {
		return "", errNotWellFormed
	}
	return *c, nil
}

// optionalLeaf returns the text of an optional leaf child, nil when absent.
func (n *node) optionalLeaf(name string) (*string, error) {
	c, err := n.child(name)
	if err != nil || c == nil {
		return nil, err
	}
	if len(c.children) > 0 {
		return nil, errNotWellFormed
	}
	s := c.text
	return &s, nil
}

// container returns a required child that holds elements.
func (n *node) container(name string) (*node, error) {
	c, err := n.child(name)
	if err != nil {
		return nil, err
	}
	if c == nil || strings.TrimSpace(c.text) != "" {
		return nil, errNotWellFormed
	}
	return c, nil
}
