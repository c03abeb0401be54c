package report

// AppendDate exposes appendDate to the specs.
var AppendDate = appendDate

// FileBuffer exposes fileBuffer to the specs.
type FileBuffer = fileBuffer
