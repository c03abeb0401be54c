package mock

import (
	"errors"
	"iter"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock/inventory"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/report"
)

// Choices of a delivery (C unless marked).
const (
	// deliverySeedStride spreads the sequence numbers of deliveries over the UUID
	// seed (the 64-bit golden ratio), so that two deliveries of one configuration in
	// one minute draw different data file keys.
	deliverySeedStride uint64 = 0x9e3779b97f4a7c15
	// awsManagedS3Key is the alias of the AWS managed KMS key for S3, which
	// inventory reports cannot be encrypted with (D: "not supported", user guide).
	awsManagedS3Key = "alias/aws/s3"
	// deliveredStorageClass is the storage class of delivered report objects (I:
	// S3 writes them as ordinary puts without a storage class).
	deliveredStorageClass = object.StorageClassStandard
)

// Deliver makes one inventory report now, as S3's scheduled run would: the scan
// instant is the inventory clock (Clock) truncated to the minute, the report lists the
// source bucket as it is at that instant (Filter prefix and IncludedObjectVersions
// applied, the OptionalFields columns in canonical order, rows sorted by key and
// version id, a new data file every WithRowsPerFile rows), and the data files,
// symlink.txt, manifest.json and manifest.checksum land in the destination bucket
// under its Prefix, at once or, with WithDeliveryLag or a DeliveryHook's Late, when
// the inventory clock reaches the record's LandAt. Every delivery is recorded
// (Deliveries), and so is its failure.
//
// A delivery S3 could not make writes nothing. Checked in this order: the bucket and
// the configuration exist (else the *Error NoSuchBucket or NoSuchConfiguration) and
// it is enabled; the destination bucket exists in the fake; it is in the source's
// region (D); when AccountId is set, that account owns it (D); an SSE-KMS key is not
// the AWS managed aws/s3 key (D). These failures return a *DeliveryError with the
// record. An ORC configuration fails too, until the report package writes ORC.
func (s *Server) Deliver(bucket, id string) (Delivery, error) {
	now := s.now()
	return s.deliver(bucket, id, nil, now.Truncate(time.Minute), now, nil)
}

// deliver makes one report of the scan at scanAt, run at the inventory clock's at:
// of version sc when the schedule names one, else of the configuration stored now.
// The delivery hook plans it (DeliveryPlan); its objects land at at + WithDeliveryLag
// + the plan's Late. A scheduled delivery commits into the run's batch, else at once.
func (s *Server) deliver(bucket, id string, sc *storedConfiguration, scanAt, at time.Time, batch *deliveryBatch) (Delivery, error) {
	seq := s.store.reserveDelivery()
	rec := Delivery{Seq: seq, Bucket: bucket, ID: id, ScanAt: scanAt, Keys: []string{}, Faults: []string{}}
	fail := func(reason string, e *Error) (Delivery, error) {
		rec.Outcome, rec.Reason, rec.CompletedAt, rec.LandAt = DeliveryFailed, reason, at, time.Time{}
		rec.ManifestKey, rec.Keys, rec.Rows, rec.Files = "", []string{}, 0, 0
		_ = s.commit(batch, rec, "", nil, at) // writes nothing: cannot fail
		if e != nil {
			return rec.clone(), e
		}
		return rec.clone(), &DeliveryError{Delivery: rec.clone()}
	}
	src, ok := s.store.bucket(bucket)
	if !ok {
		return fail("source bucket does not exist", NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket}))
	}
	if sc == nil {
		stored, found, _ := s.store.get(bucket, id)
		if !found {
			return fail("configuration does not exist", NewError(NoSuchConfiguration))
		}
		sc = &stored
	}
	cfg, e := sc.model()
	if e != nil {
		return fail("configuration cannot be read back", e)
	}
	dest := strings.TrimPrefix(cfg.Destination.Bucket, report.DestinationARNPrefix)
	rec.Destination = dest
	if reason := s.refusal(cfg, src, dest); reason != "" {
		return fail(reason, nil)
	}
	plan := DeliveryPlan{Bucket: bucket, ID: id, Format: string(cfg.Destination.Format), ScanAt: scanAt, Scheduled: batch != nil}
	s.plan(&plan)
	rec.Faults = append(rec.Faults, plan.Faults...)
	if plan.Skip {
		return s.skip(batch, rec, at), nil
	}
	objs, _ := s.store.objects(bucket) // one instant; the bucket may be gone since
	spec := s.reportSpec(cfg, bucket, rec)
	spec.Faults = plan.Report
	d, err := report.Deliver(spec, versionsOf(objs))
	if err == nil && plan.Duplicate {
		d, err = duplicated(d, spec, objs)
	}
	var ni report.NotImplementedError
	switch {
	case errors.As(err, &ni):
		return fail(string(ni.Format)+" delivery is not implemented yet", nil)
	case err != nil:
		return fail(err.Error(), nil)
	}
	dst, _ := s.store.bucket(dest)
	rec.CompletedAt = at
	rec.LandAt = at.Add(s.cfg.deliveryLag + max(plan.Late, 0))
	files, err := deliveredObjects(d, cfg.Destination.Encryption, CanonicalUserID(dst.Owner), rec.LandAt)
	if err != nil {
		return fail(err.Error(), nil)
	}
	rec.Outcome, rec.ManifestKey, rec.Rows, rec.Files = Delivered, d.ManifestKey, d.Rows, len(d.DataKeys)
	for _, f := range d.Files {
		rec.Keys = append(rec.Keys, f.Key)
	}
	if e := s.commit(batch, rec, dest, sortedVersions(files), at); e != nil {
		return fail("destination bucket "+quote(dest)+" was deleted during the delivery", nil)
	}
	return rec.clone(), nil
}

// refusal is why S3 could not deliver cfg of src to dest, "" when it could.
func (s *Server) refusal(cfg *inventory.Configuration, src Bucket, dest string) string {
	if !cfg.IsEnabled {
		return "configuration is disabled (IsEnabled false): S3 generates no inventory list"
	}
	dst, ok := s.store.bucket(dest)
	switch {
	case !ok:
		return "destination bucket " + quote(dest) + " does not exist"
	case dst.Region != src.Region:
		return "destination bucket " + quote(dest) + " is in " + dst.Region + ", the source bucket in " +
			src.Region + ": the destination must be in the same Region"
	case cfg.Destination.AccountID != nil && *cfg.Destination.AccountID != dst.Owner:
		return "destination bucket " + quote(dest) + " is owned by account " + dst.Owner +
			", not by the configured AccountId " + *cfg.Destination.AccountID
	}
	if enc := cfg.Destination.Encryption; enc != nil && !enc.SSES3 && isAWSManagedS3Key(enc.KMSKeyID) {
		return "SSE-KMS key " + quote(enc.KMSKeyID) + " is the AWS managed key aws/s3, which inventory reports cannot use"
	}
	return ""
}

// isAWSManagedS3Key tells the aws/s3 key by its alias or alias ARN.
func isAWSManagedS3Key(keyID string) bool {
	return keyID == awsManagedS3Key || strings.HasSuffix(keyID, ":"+awsManagedS3Key)
}

// reportSpec is what report.Deliver needs of cfg for the delivery rec.
func (s *Server) reportSpec(cfg *inventory.Configuration, bucket string, rec Delivery) report.Spec {
	spec := report.Spec{
		SourceBucket: bucket, ConfigurationID: cfg.ID, Format: report.Format(cfg.Destination.Format),
		IncludedObjectVersions: report.IncludedObjectVersions(cfg.IncludedObjectVersions),
		DestinationBucketARN:   cfg.Destination.Bucket, ScanAt: rec.ScanAt, RowsPerFile: s.cfg.rowsPerFile,
		UUIDSeed: s.cfg.deliverySeed ^ rec.Seq*deliverySeedStride,
	}
	if cfg.Filter != nil {
		spec.FilterPrefix = cfg.Filter.Prefix
	}
	if cfg.Destination.Prefix != nil {
		spec.DestinationPrefix = *cfg.Destination.Prefix
	}
	for _, f := range cfg.OptionalFields {
		spec.OptionalFields = append(spec.OptionalFields, string(f))
	}
	return spec
}

// versionsOf yields the versions of a bucket's objects one at a time.
func versionsOf(objs []object.Stored) iter.Seq[object.Version] {
	return func(yield func(object.Version) bool) {
		for i := range objs {
			if !yield(objs[i].Version()) {
				return
			}
		}
	}
}

// deliveredObjects turns a delivery's files into destination objects: null versions
// with the bytes, an ETag that is their MD5, Last-Modified the landing instant,
// the destination owner's default ACL, and the configured encryption. Without one,
// the destination's default applies, which the fake holds to be SSE-S3 (D: S3
// encrypts every new object with SSE-S3 since 2023-01-05).
func deliveredObjects(d report.Delivery, enc *inventory.Encryption, owner string, at time.Time) ([]object.Stored, error) {
	status, key := object.EncryptionSSES3, ""
	if enc != nil && !enc.SSES3 {
		status, key = object.EncryptionSSEKMS, enc.KMSKeyID
	}
	acl := object.DefaultACL(owner)
	var pk object.Packer
	out := make([]object.Stored, 0, len(d.Files))
	for _, f := range d.Files {
		st, err := pk.Pack(object.Version{
			Key: f.Key, IsLatest: true, Size: f.Size, LastModifiedDate: at, ETag: f.MD5,
			StorageClass: deliveredStorageClass, EncryptionStatus: status, KMSKeyID: key,
			BucketKeyStatus: object.BucketKeyDisabled, ObjectOwner: owner, ObjectAccessControlList: acl,
			Body: f.Body, ContentType: f.ContentType,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// DeliverAll delivers every enabled configuration of every bucket, by bucket name
// then Id, and returns their records; the error joins those of the deliveries that
// failed.
func (s *Server) DeliverAll() ([]Delivery, error) {
	out := []Delivery{}
	var errs []error
	for _, b := range s.store.listBuckets("") {
		ds, err := s.DeliverBucket(b.Name)
		out = append(out, ds...)
		errs = append(errs, err)
	}
	return out, errors.Join(errs...)
}

// DeliverBucket delivers every enabled configuration of bucket, by Id; a missing
// bucket is the *Error NoSuchBucket.
func (s *Server) DeliverBucket(bucket string) ([]Delivery, error) {
	cs, ok := s.store.configurations(bucket)
	if !ok {
		return nil, NewError(NoSuchBucket, Member{Name: "BucketName", Value: bucket})
	}
	out := []Delivery{}
	var errs []error
	for _, c := range cs {
		if cfg, e := c.model(); e != nil || !cfg.IsEnabled {
			continue
		}
		d, err := s.Deliver(bucket, c.id)
		out = append(out, d)
		errs = append(errs, err)
	}
	return out, errors.Join(errs...)
}

// Deliveries returns the kept delivery records, oldest first, each the caller's own.
func (s *Server) Deliveries() []Delivery { return s.store.deliveryRecords() }

func quote(s string) string { return `"` + s + `"` }
