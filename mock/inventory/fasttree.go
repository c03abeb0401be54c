package inventory

import (
	"bytes"
	"sync"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
)

// fastTree reads the element tree of a document in the narrow shape every SDK sends:
// an optional <?xml version="1.0"?> declaration (UTF-8), elements whose only attribute
// is xmlns in the S3 namespace, ASCII text with the five predefined entities, and
// whitespace between elements. It returns the tree wire.ParseTree would return for the
// same bytes, with a few allocations where encoding/xml makes about a hundred (the
// XML parse was 60% of a Put's CPU).
//
// ok is false for anything outside that shape, right or wrong (comments, CDATA,
// character references, other attributes, non-ASCII, a carriage return, mixed
// content, a mismatched end tag, ...): the caller then asks wire.ParseTree, which stays
// the reference. fastTree never refuses a document itself, so every error, and every
// document it does not know, is encoding/xml's to judge. FuzzFastTree holds the two
// equal on every input.
func fastTree(body []byte) (root *wire.Node, ok bool) { return new(treeScratch).read(body) }

// treeScratch is the memory a fast read builds its tree in. Parse takes one from
// scratchPool and gives it back once the tree is read into a Configuration, whose
// strings are all copies or the schema's own: the tree was 1.2 KiB of a Put's 3.7
// (heap profile of BenchmarkServeHTTP/Put).
type treeScratch struct {
	nodes []wire.Node
	ptrs  []*wire.Node
}

var scratchPool = sync.Pool{New: func() any { return new(treeScratch) }}

// release clears the tree (it holds strings of the last document) and pools it.
func (t *treeScratch) release() {
	clear(t.nodes[:cap(t.nodes)])
	clear(t.ptrs[:cap(t.ptrs)])
	t.nodes, t.ptrs = t.nodes[:0], t.ptrs[:0]
	scratchPool.Put(t)
}

// fastShape strips the byte-order mark and a declaration the fast path knows, and
// refuses (ok false) a body with no element or more than fastMaxElements; n is its
// count of '<', at least one per element.
func fastShape(body []byte) (_ []byte, n int, ok bool) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	for _, decl := range xmlDecls {
		if bytes.HasPrefix(body, decl) {
			body = body[len(decl):]
			break
		}
	}
	n = bytes.Count(body, []byte("<"))
	return body, n, n > 0 && n <= fastMaxElements
}

func (t *treeScratch) read(body []byte) (root *wire.Node, ok bool) {
	body, n, ok := fastShape(body)
	if !ok {
		return nil, false
	}
	if cap(t.nodes) < n {
		t.nodes = make([]wire.Node, 0, max(n, 64))
	}
	var (
		nodes    = t.nodes[:0]
		parent   [fastMaxElements]int16 // parent index of each node, -1 for the root
		children [fastMaxElements]int16 // number of children of each node
		stack    [fastMaxDepth]int16
		depth    = 0
		i        = skipSpace(body, 0)
	)
	for i < len(body) {
		if body[i] != '<' {
			// Character data: only inside an element that has no children yet, and only
			// up to its end tag (text after a child is mixed content).
			if depth == 0 {
				return nil, false
			}
			cur := stack[depth-1]
			if children[cur] > 0 {
				return nil, false
			}
			j, text, ok := readText(body, i)
			if !ok || j >= len(body) || body[j+1] != '/' {
				return nil, false // text before a child, or no end tag
			}
			nodes[cur].Text = text
			i = j
			continue
		}
		if i+1 < len(body) && body[i+1] == '/' {
			// An end tag: </Name>, optional whitespace before '>'.
			if depth == 0 {
				return nil, false
			}
			cur := stack[depth-1]
			name := nodes[cur].Name
			if !bytes.HasPrefix(body[i+2:], []byte(name)) {
				return nil, false
			}
			j := skipSpace(body, i+2+len(name))
			if j >= len(body) || body[j] != '>' {
				return nil, false
			}
			depth--
			i = j + 1
			if depth == 0 {
				if skipSpace(body, i) != len(body) {
					return nil, false // anything after the root
				}
				return t.link(nodes, parent[:len(nodes)], children[:len(nodes)]), true
			}
			i = skipSpace(body, i)
			continue
		}
		// A start tag: <Name>, <Name/>, with optional xmlns="S3" and whitespace.
		name, j := readName(body, i+1)
		if name == "" || depth >= fastMaxDepth || len(nodes) == n {
			return nil, false
		}
		if depth == 0 && (len(nodes) > 0 || name != "InventoryConfiguration") {
			return nil, false
		}
		k := skipSpace(body, j)
		if k > j && bytes.HasPrefix(body[k:], xmlnsAttr) {
			k = skipSpace(body, k+len(xmlnsAttr))
		}
		if k >= len(body) {
			return nil, false
		}
		empty := false
		switch {
		case body[k] == '>':
		case body[k] == '/' && k+1 < len(body) && body[k+1] == '>':
			empty = true
			k++
		default:
			return nil, false
		}
		idx := int16(len(nodes))
		nodes = append(nodes, wire.Node{Name: name})
		if depth == 0 {
			parent[idx] = -1
		} else {
			p := stack[depth-1]
			parent[idx] = p
			children[p]++
			nodes[p].Text = "" // whitespace before the first child is dropped
		}
		children[idx] = 0
		if empty {
			if depth == 0 {
				if skipSpace(body, k+1) != len(body) {
					return nil, false
				}
				return t.link(nodes, parent[:1], children[:1]), true
			}
			i = skipSpace(body, k+1)
			continue
		}
		stack[depth] = idx
		depth++
		i = k + 1
		// Whitespace after a start tag is the element's text until a child starts.
		if ws := skipSpace(body, i); ws > i && ws+1 < len(body) && body[ws] == '<' && body[ws+1] != '/' {
			i = ws
		}
	}
	return nil, false
}

// Bounds of the fast path; a document past them goes to encoding/xml (whose own
// limits refuse it or not). A real configuration has 7 levels and about 40 elements.
const (
	fastMaxElements = 256
	fastMaxDepth    = 12
)

// xmlDecls are the declarations the fast path knows; any other goes to encoding/xml.
var xmlDecls = [][]byte{
	[]byte(`<?xml version="1.0" encoding="UTF-8"?>`),
	[]byte(`<?xml version="1.0" encoding="utf-8"?>`),
	[]byte(`<?xml version="1.0"?>`),
}

var xmlnsAttr = []byte(`xmlns="` + wire.Namespace + `"`)

// link gives each node its children, in document order, from one backing array.
func (t *treeScratch) link(nodes []wire.Node, parent, children []int16) *wire.Node {
	t.nodes = nodes
	if len(nodes) > 1 {
		if cap(t.ptrs) < len(nodes)-1 {
			t.ptrs = make([]*wire.Node, 0, cap(nodes))
		}
		ptrs := t.ptrs[:len(nodes)-1]
		t.ptrs = ptrs
		off := 0
		for i := range nodes {
			if c := int(children[i]); c > 0 {
				nodes[i].Children = ptrs[off : off : off+c]
				off += c
			}
		}
		for i := 1; i < len(nodes); i++ {
			p := &nodes[parent[i]]
			p.Children = append(p.Children, &nodes[i])
		}
	}
	return &nodes[0]
}

// skipSpace returns the first index at or after i that is not a space, tab or newline.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
		i++
	}
	return i
}

// readName reads [A-Za-z_][A-Za-z0-9_-]* at i; "" when there is none. Names the
// schema knows come back without allocating.
func readName(b []byte, i int) (string, int) {
	j := i
	for j < len(b) {
		c := b[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > i && (c >= '0' && c <= '9' || c == '-') {
			j++
			continue
		}
		break
	}
	if j == i {
		return "", i
	}
	return intern(b[i:j]), j
}

// readText reads character data from i up to the next '<': printable ASCII, tab and
// newline, and the entities &amp; &lt; &gt; &quot; &apos;. ok is false for anything
// else (a '>', a carriage return, a character reference, non-ASCII).
func readText(b []byte, i int) (j int, text string, ok bool) {
	j = i
	escaped := false
	for j < len(b) && b[j] != '<' {
		c := b[j]
		switch {
		case c == '&':
			_, n := entity(b[j:])
			if n == 0 {
				return 0, "", false
			}
			escaped = true
			j += n
			continue
		case c == '>' || c == '\r' || c >= 0x7f || c < 0x20 && c != '\t' && c != '\n':
			return 0, "", false
		}
		j++
	}
	if j >= len(b)-1 {
		return j, "", false
	}
	if !escaped {
		return j, intern(b[i:j]), true
	}
	out := make([]byte, 0, j-i)
	for k := i; k < j; {
		if b[k] == '&' {
			c, n := entity(b[k:])
			out = append(out, c)
			k += n
			continue
		}
		out = append(out, b[k])
		k++
	}
	return j, string(out), true
}

// entity decodes one of the five predefined entities at the start of b.
func entity(b []byte) (byte, int) {
	for _, e := range entities {
		if bytes.HasPrefix(b, e.ref) {
			return e.c, len(e.ref)
		}
	}
	return 0, 0
}

var entities = [...]struct {
	ref []byte
	c   byte
}{
	{[]byte("&amp;"), '&'}, {[]byte("&lt;"), '<'}, {[]byte("&gt;"), '>'},
	{[]byte("&quot;"), '"'}, {[]byte("&apos;"), '\''},
}

// intern returns the schema's own string for the element names and enumerated values
// it knows (no allocation), else a copy of b. The words are found by length, then
// first byte: about 45 of them a document, a map's hashing was 7% of a Put's CPU.
func intern(b []byte) string {
	if len(b) < len(knownWords) {
		for _, w := range knownWords[len(b)] {
			if w[0] == b[0] && w == string(b) {
				return w
			}
		}
	}
	return string(b)
}

// knownWords holds the words by length; it is read-only after init.
var knownWords = func() (byLen [40][]string) {
	for _, w := range []string{"InventoryConfiguration", "Id", "IsEnabled", "Destination",
		"S3BucketDestination", "Format", "AccountId", "Bucket", "Prefix", "Encryption", "SSE-S3",
		"SSE-KMS", "KeyId", "Schedule", "Frequency", "Filter", "IncludedObjectVersions",
		"OptionalFields", "Field", "true", "false",
		string(FormatCSV), string(FormatORC), string(FormatParquet), string(Daily), string(Weekly),
		string(AllVersions), string(CurrentVersions)} {
		byLen[len(w)] = append(byLen[len(w)], w)
	}
	for _, f := range optionalFields {
		byLen[len(f)] = append(byLen[len(f)], string(f))
	}
	return byLen
}()
