package wire

import "unicode/utf8"

// Declaration is the declaration S3 puts before every document it sends.
const Declaration = `<?xml version="1.0" encoding="UTF-8"?>`

// Namespace is the namespace of every S3 document root.
const Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// AppendElement appends <name>escaped(value)</name>.
func AppendElement(b []byte, name, value string) []byte {
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = AppendEscaped(b, value)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

// AppendEscaped appends value as XML text: &, <, > and " escaped (S3 writes an ETag's
// quotes as &quot;; the apostrophes of "The provided 'x-amz-content-sha256' header"
// stay as they are), and characters XML
// cannot carry (from a URL, never from a parsed document) replaced by U+FFFD.
func AppendEscaped(b []byte, value string) []byte {
	if !needsEscape(value) {
		return append(b, value...)
	}
	for _, r := range value {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...) // as S3 writes ETags: &quot;...&quot;
		case r == '\r':
			b = append(b, "&#13;"...)
		case r == '\t' || r == '\n' || r >= 0x20 && r != utf8.RuneError && r != 0xFFFE && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF):
			b = utf8.AppendRune(b, r)
		default:
			b = utf8.AppendRune(b, '\uFFFD')
		}
	}
	return b
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '&' || c == '<' || c == '>' || c == '"' || c < 0x20 || c >= 0x80 {
			return true
		}
	}
	return false
}
