package scenarios

// globMatch reports whether s matches pattern, where * matches any run of bytes
// (including none) and ? exactly one byte; every other byte matches itself. An empty
// pattern is "no condition" and is never asked. It backtracks only to the last star,
// so it is linear in practice and never exponential.
func globMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
