package mock

import (
	"strings"

	"github.com/s3invmock/s3invmock/mock/inventory"
)

// seedDecoder checks the documents of one seed. Large seeds are generated: their
// documents mostly differ only in the Id. The Id's text is plain characters that carry
// no markup (validID), so two documents that agree everywhere else parse alike, and
// each such template is parsed once (a million documents: 18 s of encoding/xml down
// to one parse per template). A document the shortcut cannot vouch for (CDATA,
// comments, processing instructions, an Id with entities, more than one Id element)
// is parsed in full.
type seedDecoder struct {
	templates map[string]*inventory.Configuration
	// The last template used: a generated seed's documents come in runs of one
	// template, which then cost two comparisons instead of a key and its hash.
	head, tail string
	last       *inventory.Configuration
}

func newSeedDecoder() *seedDecoder {
	return &seedDecoder{templates: map[string]*inventory.Configuration{}}
}

// decode checks doc as a PUT with ?id equal to its own Id would be checked.
func (d *seedDecoder) decode(doc string) (*inventory.Configuration, *Error) {
	head, id, tail, ok := templateOf(doc)
	if !ok {
		return decodeSeedDocument([]byte(doc))
	}
	t := d.last
	if t == nil || head != d.head || tail != d.tail {
		t = d.templates[head+tail]
	}
	if t != nil {
		d.head, d.tail, d.last = head, tail, t
		c := *t // the shared parts are never written: a stored configuration never changes
		c.ID = id
		return &c, nil
	}
	cfg, e := decodeSeedDocument([]byte(doc))
	if e == nil {
		d.templates[head+tail] = cfg
		d.head, d.tail, d.last = head, tail, cfg
	}
	return cfg, e
}

// templateOf cuts doc around its Id's text (head ends with <Id>, tail starts with
// </Id>), when the shortcut is sound for doc: one Id element, no CDATA, no comment,
// no processing instruction but an XML declaration at the start. One pass over the
// document's < characters.
func templateOf(doc string) (head, id, tail string, ok bool) {
	const open, close = "<Id>", "</Id>"
	at, pis := -1, 0
	for k := 0; ; k++ {
		n := strings.IndexByte(doc[k:], '<')
		if n < 0 {
			break
		}
		k += n
		switch rest := doc[k:]; {
		case strings.HasPrefix(rest, open):
			if at >= 0 {
				return "", "", "", false
			}
			at = k
		case strings.HasPrefix(rest, "<![CDATA["), strings.HasPrefix(rest, "<!--"):
			return "", "", "", false
		case strings.HasPrefix(rest, "<?"):
			pis++
		}
	}
	if at < 0 || pis > boolToInt(strings.HasPrefix(strings.TrimLeft(doc, "\ufeff \t\r\n"), "<?xml ")) {
		return "", "", "", false
	}
	j := strings.Index(doc[at:], close)
	if j < 0 {
		return "", "", "", false
	}
	id = doc[at+len(open) : at+j]
	if !inventory.ValidID(id) {
		return "", "", "", false
	}
	return doc[:at+len(open)], id, doc[at+j:], true
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
