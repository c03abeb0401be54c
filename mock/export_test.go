package mock

// ParseStateLines and ParseStateFast are the two paths of ParseState, for the
// specs that prove they agree.
var (
	ParseStateLines = parseStateLines
	ParseStateFast  = parseStateJSON
)
