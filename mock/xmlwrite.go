package mock

import (
	"encoding/xml"
	"strings"
)

// xmlDeclaration is the declaration S3 puts before every document it sends.
const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8"?>`

// s3Namespace is the namespace of every S3 document root.
const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// appendElement appends <name>escaped(value)</name>.
func appendElement(b []byte, name, value string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendEscaped(b, value)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

// appendEscaped appends value with XML's special characters escaped; the common case
// (nothing to escape) copies the string as it is.
func appendEscaped(b []byte, value string) []byte {
	if !strings.ContainsAny(value, "<>&'\"\r\n\t") {
		return append(b, value...)
	}
	var sb strings.Builder
	_ = xml.EscapeText(&sb, []byte(value))
	return append(b, sb.String()...)
}
