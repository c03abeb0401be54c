package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// The fixed words of the SigV4 algorithm.
const (
	signingAlgorithm = "AWS4-HMAC-SHA256"
	signingService   = "s3"
	scopeTerminator  = "aws4_request"
	amzDateLayout    = "20060102T150405Z"
	scopeDateLayout  = "20060102"
)

// canonicalQuery re-encodes every parameter except those called skip with uriEncode,
// then sorts by encoded key and, for equal keys, by encoded value (the published
// algorithm sorts after encoding).
func canonicalQuery(params Query, skip string) string {
	encoded := make(Query, 0, len(params))
	for _, p := range params {
		if skip != "" && p.Key == skip {
			continue
		}
		encoded = append(encoded, Param{Key: uriEncode(p.Key), Value: uriEncode(p.Value)})
	}
	sort.Slice(encoded, func(i, j int) bool {
		if encoded[i].Key != encoded[j].Key {
			return encoded[i].Key < encoded[j].Key
		}
		return encoded[i].Value < encoded[j].Value
	})
	var b strings.Builder
	for i, p := range encoded {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.Key)
		b.WriteByte('=')
		b.WriteString(p.Value)
	}
	return b.String()
}

// uriEncode is the AWS URI encoding: A-Z a-z 0-9 - _ . ~ stay, every other byte
// becomes %XX with upper-case hex (a space is %20, never +).
func uriEncode(s string) string {
	const digits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(digits[c>>4])
		b.WriteByte(digits[c&0x0f])
	}
	return b.String()
}

// canonicalURI is the request path exactly as the client sent it: S3 neither encodes
// it a second time nor removes "//" or "..". The request line (RequestURI) is the
// truest record of that; a request built in-process has none, and then the URL's
// escaped path stands in. An empty path is "/".
func canonicalURI(r *http.Request) string {
	path := pathOfRequestURI(r.RequestURI)
	if r.RequestURI == "" || r.RequestURI == "*" {
		if r.URL != nil {
			path = r.URL.EscapedPath()
		}
	}
	if path == "" {
		return "/"
	}
	return path
}

// pathOfRequestURI takes the path out of a request target in origin form
// ("/b?inventory") or absolute form ("http://host/b?inventory", sent to proxies).
func pathOfRequestURI(target string) string {
	target, _, _ = strings.Cut(target, "?")
	if strings.HasPrefix(target, "/") {
		return target
	}
	if _, rest, ok := strings.Cut(target, "://"); ok {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			return rest[i:]
		}
		return ""
	}
	return target
}

// canonicalHeaders writes "name:value\n" for each signed header, names lower-cased
// and sorted. Values are trimmed, inner runs of spaces collapse to one, and repeated
// headers join with ",". Go keeps three headers out of r.Header, and they are taken
// from where it puts them: host (r.Host), content-length (r.ContentLength) and
// transfer-encoding (r.TransferEncoding).
func canonicalHeaders(r *http.Request, signed []string) string {
	names := make([]string, len(signed))
	for i, n := range signed {
		names[i] = strings.ToLower(n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		for i, v := range headerValues(r, name) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(collapseSpaces(v))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func headerValues(r *http.Request, name string) []string {
	if values := r.Header.Values(name); len(values) > 0 {
		return values
	}
	switch name {
	case "host":
		if r.Host != "" {
			return []string{r.Host}
		}
		if r.URL != nil {
			return []string{r.URL.Host}
		}
	case "content-length":
		if r.ContentLength >= 0 {
			return []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	case "transfer-encoding":
		if len(r.TransferEncoding) > 0 {
			return []string{strings.Join(r.TransferEncoding, ",")}
		}
	}
	return nil
}

// collapseSpaces trims blanks at both ends and turns each inner run of spaces into one.
func collapseSpaces(s string) string {
	s = strings.Trim(s, " \t")
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i > 0 && s[i-1] == ' ' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// canonicalRequest joins the six parts of the SigV4 canonical request.
func canonicalRequest(method, uri, query, headers, signedHeaders, payloadHash string) string {
	return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" + signedHeaders + "\n" + payloadHash
}

// stringToSign is the SigV4 string to sign for a canonical request.
func stringToSign(amzDate, scope, canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return signingAlgorithm + "\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
}

// signature derives the signing key from the secret and the credential scope and
// signs the string to sign with it, in lower-case hex.
func signature(secret string, s scope, toSign string) string {
	key := hmacSHA256([]byte("AWS4"+secret), s.date)
	key = hmacSHA256(key, s.region)
	key = hmacSHA256(key, s.service)
	key = hmacSHA256(key, scopeTerminator)
	return hex.EncodeToString(hmacSHA256(key, toSign))
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}
