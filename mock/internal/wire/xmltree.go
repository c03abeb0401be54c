package wire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
)

// Node is one element of a request document: lenient in (any child order, both
// <SSE-S3/> spellings, whitespace between elements), strict about everything else.
type Node struct {
	Name     string
	Children []*Node
	Text     string // character data of a leaf; whitespace-only data of a container is dropped
}

// Limits that keep a hostile document cheap to refuse. A real inventory document has
// 7 levels and about 40 elements.
const (
	maxXMLDepth    = 16
	maxXMLElements = 4096
)

// ErrNotWellFormed is every refusal of a document's shape; the caller answers it with
// the S3 error its operation sends (MalformedXML).
var ErrNotWellFormed = errors.New("not well-formed or not valid")

// ParseTree reads one document whose root is named root in the S3 namespace (or in no
// namespace). Anything that is not a single well-formed element tree is refused.
func ParseTree(body []byte, root string) (*Node, error) {
	// A UTF-8 byte-order mark is legal XML; encoding/xml does not skip it.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var stack []*Node
	var top *Node
	elements := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, ErrNotWellFormed
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if top != nil && len(stack) == 0 {
				return nil, ErrNotWellFormed // a second root
			}
			if t.Name.Space != "" && t.Name.Space != Namespace {
				return nil, ErrNotWellFormed
			}
			elements++
			if elements > maxXMLElements || len(stack) >= maxXMLDepth {
				return nil, ErrNotWellFormed
			}
			n := &Node{Name: t.Name.Local}
			if len(stack) == 0 {
				if n.Name != root {
					return nil, ErrNotWellFormed
				}
				top = n
			} else {
				parent := stack[len(stack)-1]
				if strings.TrimSpace(parent.Text) != "" {
					return nil, ErrNotWellFormed // mixed content
				}
				parent.Text = ""
				parent.Children = append(parent.Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, ErrNotWellFormed // text outside the root
				}
				continue
			}
			cur := stack[len(stack)-1]
			if len(cur.Children) > 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, ErrNotWellFormed
				}
				continue
			}
			cur.Text += string(t)
		case xml.Directive:
			return nil, ErrNotWellFormed // DOCTYPE and entity declarations
		}
	}
	if top == nil || len(stack) != 0 {
		return nil, ErrNotWellFormed
	}
	return top, nil
}

// Child returns the only child called name, or nil; a repeated child is an error.
func (n *Node) Child(name string) (*Node, error) {
	var found *Node
	for _, c := range n.Children {
		if c.Name == name {
			if found != nil {
				return nil, ErrNotWellFormed
			}
			found = c
		}
	}
	return found, nil
}

// OnlyChildren refuses any child whose name is not allowed.
func (n *Node) OnlyChildren(allowed ...string) error {
	for _, c := range n.Children {
		if !slices.Contains(allowed, c.Name) {
			return ErrNotWellFormed
		}
	}
	return nil
}

// Leaf returns the text of a required leaf child.
func (n *Node) Leaf(name string) (string, error) {
	c, err := n.OptionalLeaf(name)
	if err != nil {
		return "", err
	}
	if c == nil {
		return "", ErrNotWellFormed
	}
	return *c, nil
}

// OptionalLeaf returns the text of an optional leaf child, nil when absent.
func (n *Node) OptionalLeaf(name string) (*string, error) {
	c, err := n.Child(name)
	if err != nil || c == nil {
		return nil, err
	}
	if len(c.Children) > 0 {
		return nil, ErrNotWellFormed
	}
	s := c.Text
	return &s, nil
}

// Container returns a required child that holds elements.
func (n *Node) Container(name string) (*Node, error) {
	c, err := n.Child(name)
	if err != nil {
		return nil, err
	}
	if c == nil || strings.TrimSpace(c.Text) != "" {
		return nil, ErrNotWellFormed
	}
	return c, nil
}
