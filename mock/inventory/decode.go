package inventory

import (
	"strings"

	"github.com/s3invmock/s3invmock/mock/internal/wire"
)

// Decode parses and validates a PutBucketInventoryConfiguration body for ?id=id in the
// order real S3 checks: schema (MalformedXML), then the Id match (IdMismatch), then the
// destination ARN (InvalidS3DestinationBucket). The error is the S3 error
// (mock.Error); it never returns a half-valid document.
func Decode(body []byte, id string) (*Configuration, *wire.Error) {
	return decode(Parse, body, id)
}

func decode(parse func([]byte) (*Configuration, error), body []byte, id string) (*Configuration, *wire.Error) {
	cfg, err := parse(body)
	if err != nil {
		return nil, wire.New(wire.MalformedXML)
	}
	if e := Check(cfg, id); e != nil {
		return nil, e
	}
	return cfg, nil
}

// Check makes the checks S3 makes after the schema: the field limits (MalformedXML),
// the Id match and the destination ARN. A document from Parse that passes Check is
// one a PUT for ?id=id would store.
func Check(cfg *Configuration, id string) *wire.Error {
	if e := checkFieldLimits(cfg); e != nil {
		return e
	}
	if cfg.ID != id {
		return wire.New(wire.IdMismatch)
	}
	return checkDestinationARN(cfg.Destination.Bucket)
}

// checkDestinationARN accepts arn:PARTITION:s3:::bucket and nothing else.
func checkDestinationARN(arn string) *wire.Error {
	parts, ok := splitARN(arn)
	if !ok || parts[0] != "arn" || parts[1] == "" || parts[2] != "s3" || parts[5] == "" {
		return wire.New(wire.InvalidS3DestinationBucket)
	}
	if parts[3] != "" || parts[4] != "" {
		return wire.New(wire.InvalidS3DestinationBucket).WithMessage(wire.NamespacedARNMessage)
	}
	if !validARNParts(parts[1], parts[5]) {
		return wire.New(wire.InvalidS3DestinationBucket)
	}
	return nil
}

// splitARN is strings.SplitN(arn, ":", 6) when that gives six parts, without the
// slice it allocates on every Put.
func splitARN(arn string) (parts [6]string, ok bool) {
	rest := arn
	for i := range 5 {
		var found bool
		if parts[i], rest, found = strings.Cut(rest, ":"); !found {
			return parts, false
		}
	}
	parts[5] = rest
	return parts, true
}

// Parse checks a document against S3's schema by element name, in any child order.
// Any refusal is S3's MalformedXML; Decode says so in S3's terms. The error wraps
// wire.ErrNotWellFormed and names the element and what is wrong with it
// ("<Frequency>Hourly</Frequency>: not Daily or Weekly"), for seed and state problems;
// it never reaches the wire.
func Parse(body []byte) (*Configuration, error) {
	if cfg, ok := readDirect(body); ok {
		return cfg, nil
	}
	t := scratchPool.Get().(*treeScratch)
	defer t.release()
	if root, ok := t.read(body); ok {
		return parseRoot(root)
	}
	return parseReference(body)
}

// parseReference is Parse through encoding/xml alone: the reference the fast path is
// held to (FuzzFastTree), and the path of every document outside its shape.
func parseReference(body []byte) (*Configuration, error) {
	root, err := wire.ParseTree(body, "InventoryConfiguration")
	if err != nil {
		return nil, err
	}
	return parseRoot(root)
}

// parseRoot checks a document's tree against S3's schema.
func parseRoot(root *wire.Node) (*Configuration, error) {
	var err error
	if err := root.OnlyChildren("Id", "IsEnabled", "Destination", "Schedule", "Filter",
		"IncludedObjectVersions", "OptionalFields"); err != nil {
		return nil, err
	}
	cfg := &Configuration{}
	if cfg.ID, err = root.Leaf("Id"); err != nil {
		return nil, err
	}
	if !ValidID(cfg.ID) {
		return nil, wire.NotWellFormed("%s: not 1 to %d of the characters A-Z a-z 0-9 . _ -", wire.Shown("Id", cfg.ID), MaxIDLength)
	}
	enabled, err := root.Leaf("IsEnabled")
	switch {
	case err != nil:
		return nil, err
	case enabled == "true":
		cfg.IsEnabled = true
	case enabled != "false":
		return nil, wire.NotWellFormed("%s: not true or false", wire.Shown("IsEnabled", enabled))
	}
	if err := parseDestination(root, &cfg.Destination); err != nil {
		return nil, err
	}
	schedule, err := root.Container("Schedule")
	if err != nil {
		return nil, err
	}
	if err := schedule.OnlyChildren("Frequency"); err != nil {
		return nil, err
	}
	freq, err := schedule.Leaf("Frequency")
	if err != nil {
		return nil, err
	}
	if !Frequency(freq).Valid() {
		return nil, wire.NotWellFormed("%s: not %s or %s", wire.Shown("Frequency", freq), Daily, Weekly)
	}
	cfg.Schedule = Frequency(freq)
	if cfg.Filter, err = parseFilter(root); err != nil {
		return nil, err
	}
	iov, err := root.Leaf("IncludedObjectVersions")
	if err != nil {
		return nil, err
	}
	if !IncludedObjectVersions(iov).Valid() {
		return nil, wire.NotWellFormed("%s: not %s or %s", wire.Shown("IncludedObjectVersions", iov), AllVersions, CurrentVersions)
	}
	cfg.IncludedObjectVersions = IncludedObjectVersions(iov)
	if cfg.OptionalFields, err = parseOptionalFields(root); err != nil {
		return nil, err
	}
	return cfg, nil
}

func parseDestination(root *wire.Node, dst *S3BucketDestination) error {
	destination, err := root.Container("Destination")
	if err != nil {
		return err
	}
	if err := destination.OnlyChildren("S3BucketDestination"); err != nil {
		return err
	}
	s3, err := destination.Container("S3BucketDestination")
	if err != nil {
		return err
	}
	if err := s3.OnlyChildren("Format", "AccountId", "Bucket", "Prefix", "Encryption"); err != nil {
		return err
	}
	format, err := s3.Leaf("Format")
	if err != nil {
		return err
	}
	if !Format(format).Valid() {
		return wire.NotWellFormed("%s: not %s, %s or %s", wire.Shown("Format", format), FormatCSV, FormatORC, FormatParquet)
	}
	dst.Format = Format(format)
	if dst.AccountID, err = s3.OptionalLeaf("AccountId"); err != nil {
		return err
	}
	if dst.Bucket, err = s3.Leaf("Bucket"); err != nil {
		return err
	}
	if dst.Prefix, err = s3.OptionalLeaf("Prefix"); err != nil {
		return err
	}
	dst.Encryption, err = parseEncryption(s3)
	return err
}

func parseEncryption(s3 *wire.Node) (*Encryption, error) {
	enc, err := s3.Child("Encryption")
	if err != nil || enc == nil {
		return nil, err
	}
	if strings.TrimSpace(enc.Text) != "" || len(enc.Children) != 1 {
		return nil, wire.NotWellFormed("<Encryption> holds not exactly one of <SSE-S3> and <SSE-KMS>")
	}
	kind := enc.Children[0]
	switch kind.Name {
	case "SSE-S3":
		if len(kind.Children) > 0 || strings.TrimSpace(kind.Text) != "" {
			return nil, wire.NotWellFormed("<SSE-S3> is not empty")
		}
		return &Encryption{SSES3: true}, nil
	case "SSE-KMS":
		if err := kind.OnlyChildren("KeyId"); err != nil {
			return nil, err
		}
		key, err := kind.Leaf("KeyId")
		if err != nil {
			return nil, err
		}
		if key == "" {
			return nil, wire.NotWellFormed("<SSE-KMS> has an empty <KeyId>")
		}
		return &Encryption{KMSKeyID: key}, nil
	}
	return nil, wire.NotWellFormed("<%s> is not an element of <Encryption> (it holds SSE-S3 or SSE-KMS)", kind.Name)
}

func parseFilter(root *wire.Node) (*Filter, error) {
	f, err := root.Child("Filter")
	if err != nil || f == nil {
		return nil, err
	}
	if strings.TrimSpace(f.Text) != "" {
		return nil, wire.NotWellFormed("<Filter> holds text, not elements")
	}
	if err := f.OnlyChildren("Prefix"); err != nil {
		return nil, err
	}
	prefix, err := f.Leaf("Prefix")
	if err != nil {
		return nil, err
	}
	return &Filter{Prefix: prefix}, nil
}

func parseOptionalFields(root *wire.Node) ([]OptionalField, error) {
	of, err := root.Child("OptionalFields")
	if err != nil || of == nil {
		return nil, err
	}
	if strings.TrimSpace(of.Text) != "" {
		return nil, wire.NotWellFormed("<OptionalFields> holds text, not elements")
	}
	if err := of.OnlyChildren("Field"); err != nil {
		return nil, err
	}
	fields := make([]OptionalField, 0, len(of.Children))
	for _, c := range of.Children {
		if len(c.Children) > 0 {
			return nil, wire.NotWellFormed("<Field> holds elements, not text")
		}
		if !OptionalField(c.Text).Valid() {
			return nil, wire.NotWellFormed("%s: not an optional field S3 knows", wire.Shown("Field", c.Text))
		}
		fields = append(fields, OptionalField(c.Text))
	}
	return fields, nil
}
