package wire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
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

// NotWellFormed is a refusal that says which element is wrong and how, like
// "<Frequency>Hourly</Frequency>: not Daily or Weekly"; errors.Is(err,
// ErrNotWellFormed) holds. The reason is for seed and state problems, which a person
// reads: S3's answer over HTTP stays its MalformedXML, word for word.
func NotWellFormed(format string, args ...any) error {
	return &reason{fmt.Sprintf(format, args...)}
}

type reason struct{ what string }

func (r *reason) Error() string { return r.what }
func (r *reason) Unwrap() error { return ErrNotWellFormed }

// maxShown is how much of a value a reason quotes.
const maxShown = 64

// Shown is <name>value</name> for a reason, the value cut to 64 bytes.
func Shown(name, value string) string {
	if len(value) > maxShown {
		value = value[:maxShown] + "..."
	}
	return "<" + name + ">" + value + "</" + name + ">"
}

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
			return nil, NotWellFormed("not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if top != nil && len(stack) == 0 {
				return nil, NotWellFormed("a second root element <%s>", t.Name.Local)
			}
			if t.Name.Space != "" && t.Name.Space != Namespace {
				return nil, NotWellFormed("<%s> is in the namespace %q, not %q", t.Name.Local, t.Name.Space, Namespace)
			}
			elements++
			if elements > maxXMLElements {
				return nil, NotWellFormed("more than %d elements", maxXMLElements)
			}
			if len(stack) >= maxXMLDepth {
				return nil, NotWellFormed("<%s> is nested deeper than %d levels", t.Name.Local, maxXMLDepth)
			}
			n := &Node{Name: t.Name.Local}
			if len(stack) == 0 {
				if n.Name != root {
					return nil, NotWellFormed("the root element is <%s>, not <%s>", n.Name, root)
				}
				top = n
			} else {
				parent := stack[len(stack)-1]
				if strings.TrimSpace(parent.Text) != "" {
					return nil, NotWellFormed("<%s> holds both text and elements", parent.Name)
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
					return nil, NotWellFormed("text outside the root element")
				}
				continue
			}
			cur := stack[len(stack)-1]
			if len(cur.Children) > 0 {
				if len(bytes.TrimSpace(t)) != 0 {
					return nil, NotWellFormed("<%s> holds both text and elements", cur.Name)
				}
				continue
			}
			cur.Text += string(t)
		case xml.Directive:
			return nil, NotWellFormed("a DOCTYPE or other <!...> directive") // and entity declarations
		}
	}
	if top == nil || len(stack) != 0 {
		return nil, NotWellFormed("no complete <%s> element", root)
	}
	return top, nil
}

// Child returns the only child called name, or nil; a repeated child is an error.
func (n *Node) Child(name string) (*Node, error) {
	var found *Node
	for _, c := range n.Children {
		if c.Name == name {
			if found != nil {
				return nil, NotWellFormed("<%s> appears twice in <%s>", name, n.Name)
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
			return NotWellFormed("<%s> is not an element of <%s> (it holds %s)", c.Name, n.Name, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// Leaf returns the text of a required leaf child.
func (n *Node) Leaf(name string) (string, error) {
	s, ok, err := n.leafText(name)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", NotWellFormed("<%s> has no <%s>", n.Name, name)
	}
	return s, nil
}

// OptionalLeaf returns the text of an optional leaf child, nil when absent.
func (n *Node) OptionalLeaf(name string) (*string, error) {
	s, ok, err := n.leafText(name)
	if err != nil || !ok {
		return nil, err
	}
	return &s, nil
}

// leafText is the text of a leaf child and whether there is one, without the pointer
// OptionalLeaf returns (an allocation, which Leaf needs not make).
func (n *Node) leafText(name string) (string, bool, error) {
	c, err := n.Child(name)
	if err != nil || c == nil {
		return "", false, err
	}
	if len(c.Children) > 0 {
		return "", false, NotWellFormed("<%s> holds elements, not text", name)
	}
	return c.Text, true, nil
}

// Container returns a required child that holds elements.
func (n *Node) Container(name string) (*Node, error) {
	c, err := n.Child(name)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return nil, NotWellFormed("<%s> has no <%s>", n.Name, name)
	}
	if strings.TrimSpace(c.Text) != "" {
		return nil, NotWellFormed("<%s> holds text, not elements", name)
	}
	return c, nil
}
