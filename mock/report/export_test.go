package report

// AppendDate exposes appendDate to the specs.
var AppendDate = appendDate
