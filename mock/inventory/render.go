package inventory

import "github.com/s3invmock/s3invmock/mock/internal/wire"

// AppendInner appends c's children in S3's canonical order, whatever order the request
// used: Id, IsEnabled, Destination, Schedule, Filter, IncludedObjectVersions,
// OptionalFields; inside S3BucketDestination Format, AccountId, Bucket, Prefix,
// Encryption (recorded). The Id comes first, so the children after it can be kept
// apart from it. Get wraps them with the namespace (AppendDocument), List without.
func (c *Configuration) AppendInner(b []byte) []byte {
	b = wire.AppendElement(b, "Id", c.ID)
	if c.IsEnabled {
		b = append(b, "<IsEnabled>true</IsEnabled>"...)
	} else {
		b = append(b, "<IsEnabled>false</IsEnabled>"...)
	}
	d := c.Destination
	b = append(b, "<Destination><S3BucketDestination>"...)
	b = wire.AppendElement(b, "Format", string(d.Format))
	if d.AccountID != nil {
		b = wire.AppendElement(b, "AccountId", *d.AccountID)
	}
	b = wire.AppendElement(b, "Bucket", d.Bucket)
	if d.Prefix != nil {
		b = wire.AppendElement(b, "Prefix", *d.Prefix)
	}
	if e := d.Encryption; e != nil {
		// S3 writes SSE-S3 self-closing (recorded).
		if e.SSES3 {
			b = append(b, "<Encryption><SSE-S3/></Encryption>"...)
		} else {
			b = append(b, "<Encryption><SSE-KMS>"...)
			b = wire.AppendElement(b, "KeyId", e.KMSKeyID)
			b = append(b, "</SSE-KMS></Encryption>"...)
		}
	}
	b = append(b, "</S3BucketDestination></Destination><Schedule>"...)
	b = wire.AppendElement(b, "Frequency", string(c.Schedule))
	b = append(b, "</Schedule>"...)
	if c.Filter != nil {
		b = append(b, "<Filter>"...)
		b = wire.AppendElement(b, "Prefix", c.Filter.Prefix)
		b = append(b, "</Filter>"...)
	}
	b = wire.AppendElement(b, "IncludedObjectVersions", string(c.IncludedObjectVersions))
	switch {
	case c.OptionalFields == nil:
	case len(c.OptionalFields) == 0:
		b = append(b, "<OptionalFields/>"...) // only when the PUT carried an empty element
	default:
		b = append(b, "<OptionalFields>"...)
		for _, f := range c.OptionalFields {
			b = wire.AppendElement(b, "Field", string(f))
		}
		b = append(b, "</OptionalFields>"...)
	}
	return b
}

// The framing of a whole document around its children: the declaration and the
// namespaced root, with no whitespace anywhere (recorded). A List answer holds the
// same children in a root without xmlns.
const (
	DocumentStart = wire.Declaration + `<InventoryConfiguration xmlns="` + wire.Namespace + `">`
	DocumentEnd   = `</InventoryConfiguration>`
)

// Document renders c as the body GetBucketInventoryConfiguration answers with.
func (c *Configuration) Document() []byte {
	b := append(make([]byte, 0, 512), DocumentStart...)
	b = c.AppendInner(b)
	return append(b, DocumentEnd...)
}
