package mock

// renderInner writes a configuration's children in S3's canonical order, whatever order
// the request used: Id, IsEnabled, Destination, Schedule, Filter,
// IncludedObjectVersions, OptionalFields; inside S3BucketDestination Format, AccountId,
// Bucket, Prefix, Encryption. Get wraps it with the namespace, List without.
func renderInner(c *InventoryConfiguration) []byte {
	b := make([]byte, 0, 512)
	b = appendElement(b, "Id", c.ID)
	if c.IsEnabled {
		b = append(b, "<IsEnabled>true</IsEnabled>"...)
	} else {
		b = append(b, "<IsEnabled>false</IsEnabled>"...)
	}
	d := c.Destination
	b = append(b, "<Destination><S3BucketDestination>"...)
	b = appendElement(b, "Format", string(d.Format))
	if d.AccountID != nil {
		b = appendElement(b, "AccountId", *d.AccountID)
	}
	b = appendElement(b, "Bucket", d.Bucket)
	if d.Prefix != nil {
		b = appendElement(b, "Prefix", *d.Prefix)
	}
	if e := d.Encryption; e != nil {
		// S3 writes SSE-S3 self-closing (recorded).
		if e.SSES3 {
			b = append(b, "<Encryption><SSE-S3/></Encryption>"...)
		} else {
			b = append(b, "<Encryption><SSE-KMS>"...)
			b = appendElement(b, "KeyId", e.KMSKeyID)
			b = append(b, "</SSE-KMS></Encryption>"...)
		}
	}
	b = append(b, "</S3BucketDestination></Destination><Schedule>"...)
	b = appendElement(b, "Frequency", string(c.Schedule))
	b = append(b, "</Schedule>"...)
	if c.Filter != nil {
		b = append(b, "<Filter>"...)
		b = appendElement(b, "Prefix", c.Filter.Prefix)
		b = append(b, "</Filter>"...)
	}
	b = appendElement(b, "IncludedObjectVersions", string(c.IncludedObjectVersions))
	switch {
	case c.OptionalFields == nil:
	case len(c.OptionalFields) == 0:
		b = append(b, "<OptionalFields/>"...) // only when the PUT carried an empty element
	default:
		b = append(b, "<OptionalFields>"...)
		for _, f := range c.OptionalFields {
			b = appendElement(b, "Field", string(f))
		}
		b = append(b, "</OptionalFields>"...)
	}
	return b
}

const (
	getOpen  = xmlDeclaration + `<InventoryConfiguration xmlns="` + s3Namespace + `">`
	itemOpen = `<InventoryConfiguration>`
	itemEnd  = `</InventoryConfiguration>`
)

// renderGet returns the whole GetBucketInventoryConfiguration body.
func renderGet(inner []byte) []byte {
	b := make([]byte, 0, len(getOpen)+len(inner)+len(itemEnd))
	b = append(b, getOpen...)
	b = append(b, inner...)
	return append(b, itemEnd...)
}

// Document renders c as the body GetBucketInventoryConfiguration answers with.
func (c *InventoryConfiguration) Document() []byte { return renderGet(renderInner(c)) }
