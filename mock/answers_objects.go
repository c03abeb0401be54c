package mock

import (
	"net/http"
	"strconv"
	"time"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

// The byte layouts of the listings and the headers of GetObject and HeadObject
// (fixtures/FACTS.md section 8), as answers.go holds the others.

const listObjectsOpen = wire.Declaration + "\n" + `<ListBucketResult xmlns="` + wire.Namespace + `">`

// DefaultContentType is the Content-Type of an object stored without one (documented).
const DefaultContentType = "binary/octet-stream"

// appendListV2 appends a ListObjectsV2 body: Name, Prefix, [StartAfter],
// [ContinuationToken], [NextContinuationToken], KeyCount, MaxKeys, [Delimiter],
// [EncodingType], IsTruncated, Contents*, CommonPrefixes*.
func appendListV2(b []byte, c *Call, lr listRequest, res listResult, next, ownerID string) []byte {
	b = append(b, listObjectsOpen...)
	b = wire.AppendElement(b, "Name", c.Bucket)
	b = appendListText(b, "Prefix", lr.prefix, lr.encode)
	if lr.startAfter != "" && !c.HasContinuationToken {
		b = appendListText(b, "StartAfter", lr.startAfter, lr.encode)
	}
	if c.HasContinuationToken {
		b = wire.AppendElement(b, "ContinuationToken", c.ContinuationToken)
	}
	if next != "" {
		b = wire.AppendElement(b, "NextContinuationToken", next)
	}
	b = append(b, "<KeyCount>"...)
	b = strconv.AppendInt(b, int64(len(res.entries)), 10)
	b = append(b, "</KeyCount>"...)
	b = appendListTail(b, lr, res, lr.fetchOwner, ownerID)
	return append(b, "</ListBucketResult>"...)
}

// appendListV1 appends a ListObjects body: Name, Prefix, Marker, [NextMarker], MaxKeys,
// [Delimiter], [EncodingType], IsTruncated, Contents* (each with its Owner),
// CommonPrefixes*. NextMarker names the last entry when a delimiter was sent and the
// page is truncated.
func appendListV1(b []byte, c *Call, lr listRequest, res listResult, ownerID string) []byte {
	b = append(b, listObjectsOpen...)
	b = wire.AppendElement(b, "Name", c.Bucket)
	b = appendListText(b, "Prefix", lr.prefix, lr.encode)
	b = appendListText(b, "Marker", lr.marker, lr.encode)
	if lr.delimiter != "" && res.truncated {
		b = appendListText(b, "NextMarker", res.entries[len(res.entries)-1].name(), lr.encode)
	}
	b = appendListTail(b, lr, res, true, ownerID)
	return append(b, "</ListBucketResult>"...)
}

// appendListTail appends what both versions share from MaxKeys on.
func appendListTail(b []byte, lr listRequest, res listResult, owner bool, ownerID string) []byte {
	b = append(b, "<MaxKeys>"...)
	b = strconv.AppendInt(b, int64(lr.maxKeys), 10)
	b = append(b, "</MaxKeys>"...)
	if lr.delimiter != "" {
		b = appendListText(b, "Delimiter", lr.delimiter, lr.encode)
	}
	if lr.encode {
		b = append(b, "<EncodingType>url</EncodingType>"...)
	}
	b = append(b, "<IsTruncated>"...)
	b = strconv.AppendBool(b, res.truncated)
	b = append(b, "</IsTruncated>"...)
	for _, e := range res.entries {
		if e.obj != nil {
			b = appendContents(b, e.obj, lr.encode, owner, ownerID)
		}
	}
	for _, e := range res.entries {
		if e.obj == nil {
			b = append(b, "<CommonPrefixes>"...)
			b = appendListText(b, "Prefix", e.prefix, lr.encode)
			b = append(b, "</CommonPrefixes>"...)
		}
	}
	return b
}

// appendContents appends one Contents: Key, LastModified, ETag, Size, [Owner],
// StorageClass. The fake stores no checksums, so ChecksumAlgorithm and ChecksumType
// never appear (C).
func appendContents(b []byte, o *object.Stored, encode, owner bool, ownerID string) []byte {
	b = append(b, "<Contents>"...)
	b = appendListText(b, "Key", o.Key(), encode)
	b = wire.AppendElement(b, "LastModified", o.LastModified().Format(creationDateLayout))
	b = append(b, "<ETag>&quot;"...)
	b = o.AppendETag(b)
	b = append(b, "&quot;</ETag><Size>"...)
	b = strconv.AppendInt(b, o.Size(), 10)
	b = append(b, "</Size>"...)
	if owner {
		id := o.Owner()
		if id == "" || id == object.OwnerUnavailable {
			id = ownerID
		}
		b = append(b, "<Owner>"...)
		b = wire.AppendElement(b, "ID", id)
		b = append(b, "</Owner>"...)
	}
	b = wire.AppendElement(b, "StorageClass", storageClassOf(o))
	return append(b, "</Contents>"...)
}

// appendListText appends an element whose text encoding-type=url encodes.
func appendListText(b []byte, name, value string, encode bool) []byte {
	if encode {
		value = report.EncodeKey(value)
	}
	return wire.AppendElement(b, name, value)
}

func storageClassOf(o *object.Stored) string {
	if sc := o.StorageClass(); sc != "" {
		return sc
	}
	return "STANDARD"
}

// setObjectHeaders sets the headers GetObject and HeadObject share on a 200 or 206:
// Last-Modified, ETag, Content-Type, Accept-Ranges, encryption, storage class and
// version id. Content-Length and Content-Range are the caller's.
func setObjectHeaders(h http.Header, o *object.Stored) {
	h["Last-Modified"] = []string{o.LastModified().Format(http.TimeFormat)}
	h["ETag"] = []string{quotedETag(o)}
	ct := o.ContentType()
	if ct == "" {
		ct = DefaultContentType
	}
	h["Content-Type"] = []string{ct}
	h["Accept-Ranges"] = []string{"bytes"}
	switch o.EncryptionStatus() {
	case "SSE-S3":
		h["x-amz-server-side-encryption"] = []string{"AES256"}
	case "SSE-KMS":
		h["x-amz-server-side-encryption"] = []string{"aws:kms"}
	case "DSSE-KMS":
		h["x-amz-server-side-encryption"] = []string{"aws:kms:dsse"}
	}
	if k := o.KMSKeyID(); k != "" {
		h["x-amz-server-side-encryption-aws-kms-key-id"] = []string{k}
	}
	if o.BucketKeyStatus() == "ENABLED" {
		h["x-amz-server-side-encryption-bucket-key-enabled"] = []string{"true"}
	}
	if sc := o.StorageClass(); sc != "" && sc != "STANDARD" {
		h["x-amz-storage-class"] = []string{sc}
	}
	setVersionHeader(h, o)
}

// setVersionHeader sends x-amz-version-id when the version has an id (C: the fake
// does not know whether a bucket is versioned, so the null version sends none).
func setVersionHeader(h http.Header, o *object.Stored) {
	if id := o.VersionID(); id != "" {
		h["x-amz-version-id"] = []string{id}
	}
}

func quotedETag(o *object.Stored) string {
	var a [48]byte
	b := append(a[:0], '"')
	b = o.AppendETag(b)
	return string(append(b, '"'))
}

// lastModifiedSecond is the version's time as HTTP dates carry it.
func lastModifiedSecond(o *object.Stored) time.Time { return o.LastModified().Truncate(time.Second) }
