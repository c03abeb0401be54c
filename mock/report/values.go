package report

import (
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
)

// DateLayout is the CSV spelling of a date: UTC with milliseconds (R:
// 2024-05-06T22:37:48.000Z).
const DateLayout = "2006-01-02T15:04:05.000Z"

// cell is one typed report value; null is the empty CSV cell and the Parquet null.
type cell struct {
	null bool
	s    string
	b    bool
	i    int64 // an int64 column's value, or a timestamp's milliseconds since the epoch
}

func str(s string) cell   { return cell{null: s == "", s: s} }
func boolean(b bool) cell { return cell{b: b} }
func date(t time.Time) cell {
	if t.IsZero() {
		return cell{null: true}
	}
	return cell{i: t.UnixMilli()}
}

// value returns column c of the row of v. The key is plain here; CSV encodes it.
// A delete marker's row keeps Bucket, Key, VersionId, IsLatest, IsDeleteMarker and
// LastModifiedDate (R), reports BucketKeyStatus DISABLED (R) and leaves every other
// cell empty (R for Size, ETag, StorageClass, IsMultipartUploaded and the status
// columns; I for ACL and owner).
func value(c columnID, bucket string, v *object.Version) cell {
	switch c {
	case colBucket:
		return cell{s: bucket}
	case colKey:
		return cell{s: v.Key}
	case colVersionID:
		return str(v.VersionID)
	case colIsLatest:
		return boolean(v.IsLatest)
	case colIsDeleteMarker:
		return boolean(v.IsDeleteMarker)
	case colLastModifiedDate:
		return date(v.LastModifiedDate)
	}
	if v.IsDeleteMarker {
		if c == colBucketKeyStatus {
			return str(object.BucketKeyDisabled)
		}
		return cell{null: true}
	}
	switch c {
	case colSize:
		return cell{i: v.Size}
	case colETag:
		return str(v.ETag)
	case colStorageClass:
		return str(v.StorageClass)
	case colIsMultipartUploaded:
		return boolean(v.IsMultipartUploaded)
	case colReplicationStatus:
		return str(v.ReplicationStatus)
	case colEncryptionStatus:
		return str(v.EncryptionStatus)
	case colObjectLockRetainUntilDate:
		return date(v.ObjectLockRetainUntilDate)
	case colObjectLockMode:
		return str(v.ObjectLockMode)
	case colObjectLockLegalHoldStatus:
		return str(v.ObjectLockLegalHoldStatus)
	case colIntelligentTieringAccessTier:
		return str(v.IntelligentTieringAccessTier)
	case colBucketKeyStatus:
		return str(v.BucketKeyStatus)
	case colChecksumAlgorithm:
		return str(v.ChecksumAlgorithm)
	case colObjectAccessControlList:
		return str(v.ObjectAccessControlList)
	case colObjectOwner:
		return str(v.ObjectOwner)
	case colLifecycleExpirationDate:
		return date(v.LifecycleExpirationDate)
	case colObjectLockEventHoldStatus:
		return str(v.ObjectLockEventHoldStatus)
	case colObjectLockEventHoldDuration:
		return str(v.ObjectLockEventHoldDuration)
	case colIntelligentTieringReferenceDate:
		return date(v.IntelligentTieringReferenceDate)
	}
	return cell{null: true}
}

// appendDate appends the DateLayout text of ms milliseconds since the epoch. It
// writes the digits itself, as time.Time.AppendFormat parses its layout on every
// call; years outside 0000-9999, which DateLayout cannot spell in four digits, go
// through AppendFormat.
func appendDate(b []byte, ms int64) []byte {
	t := timeOf(ms)
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, DateLayout)
	}
	hour, minute, sec := t.Clock()
	milli := t.Nanosecond() / 1e6
	two := func(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
	b = two(two(b, year/100), year%100)
	b = two(append(b, '-'), int(month))
	b = two(append(b, '-'), day)
	b = two(append(b, 'T'), hour)
	b = two(append(b, ':'), minute)
	b = two(append(b, ':'), sec)
	return append(b, '.', byte('0'+milli/100), byte('0'+milli/10%10), byte('0'+milli%10), 'Z')
}
