package inventory

import (
	"strings"
	"unicode/utf8"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/internal/wire"
)

// MaxPrefixBytes is the longest Filter Prefix or destination Prefix accepted: a
// prefix is the start of an object key, and S3 keys are at most 1,024 bytes of UTF-8
// (D: S3 user guide, "Naming Amazon S3 objects"). Before this cap, 200 configurations
// with a 900 KiB Prefix held 304 MiB.
const MaxPrefixBytes = 1024

// MaxKMSKeyIDBytes is the longest SSE-KMS KeyId accepted: KMS takes a key id, key ARN,
// alias name or alias ARN of 1 to 2,048 characters (D: AWS KMS API reference, KeyId).
const MaxKMSKeyIDBytes = 2048

// maxPartitionBytes caps the partition of a destination ARN (aws, aws-cn,
// aws-us-gov, aws-iso-b ...). C: the longest partition is 10 bytes; 32 leaves room.
const maxPartitionBytes = 32

// FieldLimitCode is the error for a field the schema allows but S3 does not accept:
// a prefix over MaxPrefixBytes or not UTF-8, an AccountId that is not 12 digits, a
// KeyId over MaxKMSKeyIDBytes. C: S3's own answer to these is unrecorded; they are
// schema-level violations of the document, which S3 answers with MalformedXML.
const FieldLimitCode = wire.MalformedXML

// checkFieldLimits applies S3's limits to the strings of a parsed configuration. A
// bucket name in the destination ARN that S3 could not hold is an invalid ARN.
func checkFieldLimits(cfg *Configuration) *wire.Error {
	dst := &cfg.Destination
	if cfg.Filter != nil && !validPrefix(cfg.Filter.Prefix) ||
		dst.Prefix != nil && !validPrefix(*dst.Prefix) ||
		dst.AccountID != nil && !identity.IsAccountID(*dst.AccountID) ||
		dst.Encryption != nil && len(dst.Encryption.KMSKeyID) > MaxKMSKeyIDBytes {
		return wire.New(FieldLimitCode)
	}
	return nil
}

func validPrefix(p string) bool { return len(p) <= MaxPrefixBytes && utf8.ValidString(p) }

// validARNParts checks the partition and bucket of arn:PARTITION:s3:::bucket.
func validARNParts(partition, bucket string) bool {
	if len(partition) > maxPartitionBytes || strings.Trim(partition, "abcdefghijklmnopqrstuvwxyz-") != "" {
		return false
	}
	return wire.ValidBucketName(bucket)
}
