package mock

import "strings"

// DecodePutBucketInventoryConfiguration parses and validates a PUT body for ?id=id in
// the order real S3 checks: schema (MalformedXML), then the Id match (IdMismatch),
// then the destination ARN (InvalidS3DestinationBucket). It never returns a half-valid
// document.
func DecodePutBucketInventoryConfiguration(body []byte, id string) (*InventoryConfiguration, *Error) {
	cfg, err := parseInventoryConfiguration(body)
	if err != nil {
		return nil, NewError(MalformedXML)
	}
	if cfg.ID != id {
		return nil, NewError(IdMismatch)
	}
	if e := checkDestinationARN(cfg.Destination.Bucket); e != nil {
		return nil, e
	}
	return cfg, nil
}

// checkDestinationARN accepts arn:PARTITION:s3:::bucket and nothing else.
func checkDestinationARN(arn string) *Error {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "s3" || parts[5] == "" {
		return NewError(InvalidS3DestinationBucket)
	}
	if parts[3] != "" || parts[4] != "" {
		return NewError(InvalidS3DestinationBucket).WithMessage("Bucket ARN should not specify a namespace.")
	}
	return nil
}

// parseInventoryConfiguration checks the document against S3's schema by element name,
// in any child order.
func parseInventoryConfiguration(body []byte) (*InventoryConfiguration, error) {
	root, err := parseTree(body, "InventoryConfiguration")
	if err != nil {
		return nil, err
	}
	if err := root.onlyChildren("Id", "IsEnabled", "Destination", "Schedule", "Filter",
		"IncludedObjectVersions", "OptionalFields"); err != nil {
		return nil, err
	}
	cfg := &InventoryConfiguration{}
	if cfg.ID, err = root.leaf("Id"); err != nil || !validID(cfg.ID) {
		return nil, errNotWellFormed
	}
	enabled, err := root.leaf("IsEnabled")
	switch {
	case err != nil:
		return nil, err
	case enabled == "true":
		cfg.IsEnabled = true
	case enabled != "false":
		return nil, errNotWellFormed
	}
	if err := parseDestination(root, &cfg.Destination); err != nil {
		return nil, err
	}
	schedule, err := root.container("Schedule")
	if err != nil {
		return nil, err
	}
	if err := schedule.onlyChildren("Frequency"); err != nil {
		return nil, err
	}
	freq, err := schedule.leaf("Frequency")
	if err != nil || !schedules[freq] {
		return nil, errNotWellFormed
	}
	cfg.Schedule = Frequency(freq)
	if cfg.Filter, err = parseFilter(root); err != nil {
		return nil, err
	}
	iov, err := root.leaf("IncludedObjectVersions")
	if err != nil || !versions[iov] {
		return nil, errNotWellFormed
	}
	cfg.IncludedObjectVersions = IncludedObjectVersions(iov)
	if cfg.OptionalFields, err = parseOptionalFields(root); err != nil {
		return nil, err
	}
	return cfg, nil
}

func parseDestination(root *node, dst *S3BucketDestination) error {
	destination, err := root.container("Destination")
	if err != nil {
		return err
	}
	if err := destination.onlyChildren("S3BucketDestination"); err != nil {
		return err
	}
	s3, err := destination.container("S3BucketDestination")
	if err != nil {
		return err
	}
	if err := s3.onlyChildren("Format", "AccountId", "Bucket", "Prefix", "Encryption"); err != nil {
		return err
	}
	format, err := s3.leaf("Format")
	if err != nil || !formats[format] {
		return errNotWellFormed
	}
	dst.Format = Format(format)
	if dst.AccountID, err = s3.optionalLeaf("AccountId"); err != nil {
		return err
	}
	if dst.Bucket, err = s3.leaf("Bucket"); err != nil {
		return err
	}
	if dst.Prefix, err = s3.optionalLeaf("Prefix"); err != nil {
		return err
	}
	dst.Encryption, err = parseEncryption(s3)
	return err
}

func parseEncryption(s3 *node) (*Encryption, error) {
	enc, err := s3.child("Encryption")
	if err != nil || enc == nil {
		return nil, err
	}
	if strings.TrimSpace(enc.text) != "" || len(enc.children) != 1 {
		return nil, errNotWellFormed // empty <Encryption/>, or both kinds
	}
	kind := enc.children[0]
	switch kind.name {
	case "SSE-S3":
		if len(kind.children) > 0 || strings.TrimSpace(kind.text) != "" {
			return nil, errNotWellFormed
		}
		return &Encryption{SSES3: true}, nil
	case "SSE-KMS":
		if err := kind.onlyChildren("KeyId"); err != nil {
			return nil, err
		}
		key, err := kind.leaf("KeyId")
		if err != nil || key == "" {
			return nil, errNotWellFormed
		}
		return &Encryption{KMSKeyID: key}, nil
	}
	return nil, errNotWellFormed
}

func parseFilter(root *node) (*Filter, error) {
	f, err := root.child("Filter")
	if err != nil || f == nil {
		return nil, err
	}
	if strings.TrimSpace(f.text) != "" {
		return nil, errNotWellFormed
	}
	if err := f.onlyChildren("Prefix"); err != nil {
		return nil, err
	}
	prefix, err := f.leaf("Prefix")
	if err != nil {
		return nil, err
	}
	return &Filter{Prefix: prefix}, nil
}

func parseOptionalFields(root *node) ([]OptionalField, error) {
	of, err := root.child("OptionalFields")
	if err != nil || of == nil {
		return nil, err
	}
	if strings.TrimSpace(of.text) != "" {
		return nil, errNotWellFormed
	}
	if err := of.onlyChildren("Field"); err != nil {
		return nil, err
	}
	fields := make([]OptionalField, 0, len(of.children))
	for _, c := range of.children {
		if len(c.children) > 0 || !optionalFieldSet[c.text] {
			return nil, errNotWellFormed
		}
		fields = append(fields, OptionalField(c.text))
	}
	return fields, nil
}
