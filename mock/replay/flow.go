package replay

// flowEnd is the offset just past the flow-context value that starts at start: after
// the bracket that closes it, or at the comma or closing bracket of its parent that
// ends a scalar. Quoted strings and comments are skipped, so a "}" inside a document
// does not end it. A value that never ends runs to the end of data (the part's own
// parser then says what is wrong).
func flowEnd(data []byte, start int) int {
	depth := 0
	for i := start; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = quotedEnd(data, i, '"')
		case '\'':
			i = quotedEnd(data, i, '\'')
		case '#':
			if i == start || isSpace(data[i-1]) {
				for i < len(data) && data[i] != '\n' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return len(data)
}

// quotedEnd is the offset of the quote that closes the string opening at open: a
// backslash escapes in "...", a doubled quote in '...'.
func quotedEnd(data []byte, open int, q byte) int {
	for i := open + 1; i < len(data); i++ {
		switch {
		case q == '"' && data[i] == '\\':
			i++
		case data[i] == q && q == '\'' && i+1 < len(data) && data[i+1] == '\'':
			i++
		case data[i] == q:
			return i
		}
	}
	return len(data)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
