package mock

// ParseStateLines and ParseStateFast are the two paths of ParseState, for the
// specs that prove they agree.
var (
	ParseStateLines = parseStateLines
	ParseStateFast  = parseStateJSON
)

// DigestStrings is the seal's digest of values as digester.strings adds them, through
// its 64 KiB buffer.
func DigestStrings(values ...string) string {
	d := newDigester()
	d.strings(values...)
	return d.sum()
}
