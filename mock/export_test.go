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

// KeepsPageAcrossChange reads bucket's first List page, runs change, then offers the
// page read before it for keeping, as a List racing the change would; it reports
// whether the bucket kept it.
func KeepsPageAcrossChange(s *Server, bucket string, change func()) bool {
	_, _, _, stamp := s.store.page(nil, bucket, "", ListPageSize)
	change()
	s.store.keepFirstPage(bucket, stamp, []byte("read before the change"))
	_, kept := s.store.keptFirstPage(bucket)
	return kept
}

// KeptPageBytes is what s's kept first List pages hold; SetKeptPagesBudget makes their
// budget n bytes.
func KeptPageBytes(s *Server) int64         { return s.store.keptPageBytes.Load() }
func SetKeptPagesBudget(s *Server, n int64) { s.store.pagesBudget = n }
