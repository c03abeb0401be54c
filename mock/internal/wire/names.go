package wire

import (
	"net"
	"strings"
)

// ValidBucketName applies S3's naming rules: 3-63 characters of lower-case letters,
// digits, '.' and '-', starting and ending with a letter or digit, not an IP address.
func ValidBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 {
		return false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		alnum := ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
		if !alnum && ch != '.' && ch != '-' {
			return false
		}
		if (i == 0 || i == len(name)-1) && !alnum {
			return false
		}
	}
	if strings.Contains(name, "..") {
		return false
	}
	// Only digits and dots can spell an IP address here (no ':' passed the loop);
	// asking net.ParseIP about other names would allocate its error for nothing.
	return strings.Trim(name, "0123456789.") != "" || net.ParseIP(name) == nil
}
