package mock

import (
	"encoding/base64"
	"fmt"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock/object"
)

// renderObjects writes stored versions as a snapshot lists them: every field a
// version holds, so that loading them back needs no default but those that are
// constants (an empty enum stays empty; Resolve's defaults never make one).
func renderObjects(objects []object.Stored) []ObjectState {
	if len(objects) == 0 {
		return nil
	}
	out := make([]ObjectState, len(objects))
	for i := range objects {
		out[i] = renderObject(objects[i].Version())
	}
	return out
}

func renderObject(v object.Version) ObjectState {
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	date := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		return str(t.UTC().Format(object.DateLayout))
	}
	m := object.Mapping{Key: &v.Key, VersionID: str(v.VersionID), IsLatest: &v.IsLatest,
		LastModifiedDate: date(v.LastModifiedDate)}
	if v.IsDeleteMarker {
		m.IsDeleteMarker = &v.IsDeleteMarker
		return ObjectState{Mapping: m}
	}
	m.Size, m.ETag, m.StorageClass = &v.Size, str(v.ETag), str(v.StorageClass)
	if v.IsMultipartUploaded {
		m.IsMultipartUploaded = &v.IsMultipartUploaded
	}
	m.ReplicationStatus, m.EncryptionStatus = str(v.ReplicationStatus), str(v.EncryptionStatus)
	m.ObjectLockRetainUntilDate, m.ObjectLockMode = date(v.ObjectLockRetainUntilDate), str(v.ObjectLockMode)
	m.ObjectLockLegalHoldStatus = str(v.ObjectLockLegalHoldStatus)
	m.IntelligentTieringAccessTier, m.BucketKeyStatus = str(v.IntelligentTieringAccessTier), str(v.BucketKeyStatus)
	m.ChecksumAlgorithm, m.ObjectAccessControlList = str(v.ChecksumAlgorithm), str(v.ObjectAccessControlList)
	m.ObjectOwner, m.LifecycleExpirationDate = str(v.ObjectOwner), date(v.LifecycleExpirationDate)
	m.ObjectLockEventHoldStatus = str(v.ObjectLockEventHoldStatus)
	m.ObjectLockEventHoldDuration = str(v.ObjectLockEventHoldDuration)
	m.IntelligentTieringReferenceDate = date(v.IntelligentTieringReferenceDate)
	m.ContentType, m.KMSKeyID = str(v.ContentType), str(v.KMSKeyID)
	o := ObjectState{Mapping: m}
	switch body := string(v.Body); {
	case v.Body == nil:
	case utf8.ValidString(body):
		o.Body = &body
	default:
		b64 := base64.StdEncoding.EncodeToString(v.Body)
		o.BodyBase64 = &b64
	}
	return o
}

// deliveries reads the top-level deliveries list.
func (w *stateWalker) deliveries(n *yaml.Node, path string, st *State) {
	keys := []string{"bucket", "completedAt", "destination", "faults", "files", "id", "keys",
		"landAt", "manifestKey", "outcome", "reason", "rows", "scanAt", "seq"}
	w.list(n, path, func(_ int, item *yaml.Node, p string) {
		var d Delivery
		w.mapping(item, p, keys, func(key string, v *yaml.Node, kp string) {
			var err error
			switch key {
			case "seq":
				err = v.Decode(&d.Seq)
			case "rows":
				err = v.Decode(&d.Rows)
			case "files":
				err = v.Decode(&d.Files)
			case "scanAt", "completedAt", "landAt":
				t, perr := time.Parse(time.RFC3339Nano, w.str(v, kp))
				if perr != nil {
					w.add(v.Line, kp, "not an RFC 3339 time such as 2026-11-25T01:00:00Z")
				}
				switch key {
				case "scanAt":
					d.ScanAt = t.UTC()
				case "landAt":
					d.LandAt = t.UTC()
				default:
					d.CompletedAt = t.UTC()
				}
			case "keys", "faults":
				list := []string{}
				w.list(v, kp, func(_ int, s *yaml.Node, sp string) { list = append(list, w.str(s, sp)) })
				if key == "keys" {
					d.Keys = list
				} else {
					d.Faults = list
				}
			default:
				s := w.str(v, kp)
				switch key {
				case "bucket":
					d.Bucket = s
				case "id":
					d.ID = s
				case "outcome":
					d.Outcome = DeliveryOutcome(s)
				case "reason":
					d.Reason = s
				case "destination":
					d.Destination = s
				case "manifestKey":
					d.ManifestKey = s
				}
			}
			if err != nil || (v.Kind != yaml.ScalarNode && key != "keys" && key != "faults") {
				w.add(v.Line, kp, "must be a whole number")
			}
		})
		st.Deliveries = append(st.Deliveries, d)
		st.deliveryLines = append(st.deliveryLines, item.Line)
	})
}

// checkDeliveries checks the records of a state: outcomes spelled as Deliver spells
// them, sequence numbers rising. It returns copies, the newest keep of them.
func checkDeliveries(ds []Delivery, lines []int, keep int) ([]Delivery, []StateProblem) {
	var problems []StateProblem
	out := make([]Delivery, 0, len(ds))
	var last uint64
	for i, d := range ds {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		p := fmt.Sprintf("deliveries[%d]", i)
		switch {
		case d.Outcome != Delivered && d.Outcome != DeliveryFailed && d.Outcome != DeliverySkipped:
			problems = append(problems, problemAt(line, p+".outcome", "must be %q, %q or %q, got %q", Delivered, DeliveryFailed, DeliverySkipped, d.Outcome))
		case d.Seq <= last:
			problems = append(problems, problemAt(line, p+".seq", "must be above the previous record's %d, got %d", last, d.Seq))
		}
		last = max(last, d.Seq)
		out = append(out, d.clone())
	}
	if over := len(out) - keep; over > 0 {
		out = out[over:]
	}
	return out, problems
}
