package report

// EncodeKey writes key as S3 URL-encodes keys in CSV reports and in listings with
// encoding-type=url: space as "+", the unreserved bytes A-Z a-z 0-9 - _ . ~ and "/"
// kept, every other byte (UTF-8 bytes of non-ASCII runes included) as %XX with
// upper-case hex. Evidence: "+" for space, %2B, %25, %3D, %XX for UTF-8 bytes and
// "/" kept were measured on real reports and listings (R); the treatment of the
// other ASCII punctuation is our choice (C).
func EncodeKey(key string) string {
	return string(AppendEncodedKey(nil, key))
}

// AppendEncodedKey appends EncodeKey(key) to dst, for writers that reuse a buffer.
func AppendEncodedKey(dst []byte, key string) []byte {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == '/':
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return dst
}
