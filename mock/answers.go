package mock

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// This file owns the byte layout and headers of every success answer the fake S3
// sends; errors are written by WriteError from the error table. Each layout is S3's,
// recorded unless a comment says otherwise.

// creationDateLayout is S3's timestamp form, with milliseconds: 2026-11-25T12:00:00.000Z.
const creationDateLayout = "2006-01-02T15:04:05.000Z"

const (
	itemOpen  = `<InventoryConfiguration>` // List items carry no xmlns (recorded)
	itemEnd   = inventory.DocumentEnd
	listOpen  = wire.Declaration + `<ListInventoryConfigurationsResult xmlns="` + wire.Namespace + `">`
	listClose = `</ListInventoryConfigurationsResult>`
)

// writeXML writes a 200 document. Get and List answers carry no Content-Type in real
// S3 (recorded for List); a nil entry stops net/http from sniffing one in.
func writeXML(w http.ResponseWriter, body []byte, contentType string) {
	h := w.Header()
	if contentType == "" {
		h["Content-Type"] = nil
	} else {
		h["Content-Type"] = []string{contentType}
	}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// writeNoContent writes S3's 204 for Put and Delete.
func writeNoContent(w http.ResponseWriter) {
	w.Header()["Content-Type"] = nil
	w.WriteHeader(http.StatusNoContent)
}

// writeGet writes GetBucketInventoryConfiguration's 200: the stored document, rendered
// once at PUT time and copied into a pooled buffer.
func writeGet(w http.ResponseWriter, sc storedConfiguration) {
	buf := getBuffer()
	*buf = sc.appendGet(*buf)
	writeXML(w, *buf, "")
	putBuffer(buf)
}

// writeList writes ListBucketInventoryConfigurations' 200.
func writeList(w http.ResponseWriter, c *Call, p listPage) {
	buf := getBuffer()
	*buf = appendList(*buf, c, p)
	writeXML(w, *buf, "")
	putBuffer(buf)
}

// appendList appends the List body: items without xmlns, IsTruncated always,
// ContinuationToken when the request carried one (even empty), NextContinuationToken
// only when truncated.
func appendList(b []byte, c *Call, p listPage) []byte {
	n := len(listOpen) + len(listClose) + 64 + len(c.ContinuationToken) + len(p.next)
	for _, it := range p.items {
		n += len(itemOpen) + it.innerLen() + len(itemEnd)
	}
	b = slices.Grow(b, n)
	b = append(b, listOpen...)
	for i, it := range p.items {
		b = append(b, itemOpen...)
		b = it.appendInner(b)
		b = append(b, itemEnd...)
		if p.cut && i == 0 {
			return b
		}
	}
	if p.cut {
		return b
	}
	if p.truncated {
		b = append(b, "<IsTruncated>true</IsTruncated>"...)
	} else {
		b = append(b, "<IsTruncated>false</IsTruncated>"...)
	}
	if c.HasContinuationToken {
		b = wire.AppendElement(b, "ContinuationToken", c.ContinuationToken)
	}
	if p.truncated && p.next != "" {
		b = wire.AppendElement(b, "NextContinuationToken", p.next)
	}
	return append(b, listClose...)
}

// appendListBuckets appends ListBuckets' body: the owner, then the buckets by name.
func appendListBuckets(b []byte, ownerID string, buckets []Bucket) []byte {
	b = append(b, wire.Declaration...)
	b = append(b, `<ListAllMyBucketsResult xmlns="`+wire.Namespace+`"><Owner>`...)
	b = wire.AppendElement(b, "ID", ownerID)
	b = append(b, "</Owner><Buckets>"...)
	for _, bk := range buckets {
		b = append(b, "<Bucket>"...)
		b = wire.AppendElement(b, "Name", bk.Name)
		b = wire.AppendElement(b, "CreationDate", bk.Created.UTC().Format(creationDateLayout))
		b = append(b, "</Bucket>"...)
	}
	return append(b, "</Buckets></ListAllMyBucketsResult>"...)
}

// writeCreateBucket writes CreateBucket's 200: Location: /{bucket} and an empty body.
func writeCreateBucket(w http.ResponseWriter, bucket string) {
	h := w.Header()
	h["Location"] = []string{"/" + bucket}
	h["Content-Length"] = []string{"0"}
	h["Content-Type"] = nil
	w.WriteHeader(http.StatusOK)
}

// writeHeadBucket writes HeadBucket's 200; x-amz-bucket-region is already set, as it
// is on HeadBucket's refusals too.
func writeHeadBucket(w http.ResponseWriter) {
	h := w.Header()
	// Both headers as a real answer quoted in getmoto/moto#6042 has them.
	h["x-amz-access-point-alias"] = []string{"false"}
	h["Content-Type"] = []string{"application/xml"}
	w.WriteHeader(http.StatusOK)
}
