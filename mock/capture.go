package mock

// Capture reports whether the journal keeps full exchanges (WithCapture, SetCapture).
func (s *Server) Capture() bool { return s.capture.Load() }

// LastSeq is the sequence number of the newest journal entry ever recorded, 0 before
// the first. ClearJournal does not rewind it, so a gap between LastSeq taken earlier
// and the oldest entry kept tells that entries were dropped or cleared since.
func (s *Server) LastSeq() uint64 { return s.journal.lastSeq() }

// KeepBody sets the request body the journal's exchange shows, for a hook that reads
// the body itself (a recording proxy) instead of letting the fake S3 read it.
func (c *Call) KeepBody(body []byte) { c.body = body }

// ElideBody notes that such a hook did not keep a request body of size bytes (over its
// own cap): the exchange then shows RequestBodyElided instead of the body.
func (c *Call) ElideBody(size int64) { c.body, c.bodyElided = nil, size }
