package mock

import (
	"bytes"
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
}

func newSeedDecoder() *seedDecoder {
	return &seedDecoder{templates: map[string]*inventory.Configuration{}}
}

// decode checks doc as a PUT with ?id equal to its own Id would be checked.
func (d *seedDecoder) decode(doc string) (*inventory.Configuration, *Error) {
	key, id, ok := templateOf(doc)
	if !ok {
		return decodeSeedDocument([]byte(doc))
	}
	if t, hit := d.templates[key]; hit {
		c := *t // the shared parts are never written: a stored configuration never changes
		c.ID = id
		return &c, nil
	}
	cfg, e := decodeSeedDocument([]byte(doc))
	if e == nil {
		d.templates[key] = cfg
	}
	return cfg, e
}

// templateOf returns doc with its Id's text cut out, and that text, when the shortcut
// is sound for doc.
func templateOf(doc string) (key, id string, ok bool) {
	const open, close = "<Id>", "</Id>"
	i := strings.Index(doc, open)
	if i < 0 || strings.Contains(doc[i+len(open):], open) {
		return "", "", false
	}
	j := strings.Index(doc[i:], close)
	if j < 0 {
		return "", "", false
	}
	id = doc[i+len(open) : i+j]
	if !inventory.ValidID(id) || strings.Contains(doc, "<![CDATA[") || strings.Contains(doc, "<!--") ||
		strings.Count(doc, "<?") > boolToInt(strings.HasPrefix(strings.TrimLeft(doc, "\ufeff \t\r\n"), "<?xml ")) {
		return "", "", false
	}
	var b bytes.Buffer
	b.Grow(len(doc) - len(id))
	b.WriteString(doc[:i+len(open)])
	b.WriteString(doc[i+j:])
	return b.String(), id, true
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
