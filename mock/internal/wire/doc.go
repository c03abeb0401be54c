// Package wire is the S3 wire plumbing that package mock and its sub-packages share:
// reading request documents (lenient in: any child order, both <SSE-S3/> spellings),
// writing XML text exactly as S3 escapes it, and the one ordered error table with the
// Error value every S3 refusal is rendered from.
//
// It is internal: package mock re-exports Error, ErrorCode and the codes, so that a
// user names them mock.Error, mock.NoSuchBucket. Package inventory returns these
// errors from its document checks; package mock writes them.
package wire
