package mock

import (
	"reflect"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/object"
)

// The shape of a State as the JSON fast path reads it (state_json.go reads the
// tokens): one function per mapping of the seed and snapshot format.

func (r *jsonReader) state() *State {
	st := &State{}
	r.object([]string{"accounts", "buckets", "clock", "deliveries", "landings", "schedules", sealKey}, func(key string, _ int) {
		switch key {
		case sealKey:
			r.peek()
			st.hasSeal, st.sealLine = true, r.at()
			if !r.null() {
				r.object([]string{"sha256"}, func(string, int) { st.sealSum = r.str() })
			}
		case "buckets":
			r.list(func(line int) { st.Buckets = append(st.Buckets, r.bucket(line)) })
		case "accounts":
			r.peek()
			st.accountsLine = r.at()
			r.list(func(line int) {
				st.Accounts = append(st.Accounts, r.account())
				st.accountLines = append(st.accountLines, line)
			})
		case "deliveries":
			r.list(func(line int) {
				st.Deliveries = append(st.Deliveries, r.delivery())
				st.deliveryLines = append(st.deliveryLines, line)
			})
		case "clock":
			c := &ClockState{}
			r.object([]string{"now", "simulated"}, func(k string, _ int) {
				if k == "now" {
					c.Now = r.time()
				} else {
					c.Simulated = r.bool()
				}
			})
			st.Clock = c
		case "schedules":
			r.list(func(int) { st.Schedules = append(st.Schedules, r.schedule()) })
		case "landings":
			r.list(func(int) { st.Landings = append(st.Landings, r.landing()) })
		}
	})
	return st
}

func (r *jsonReader) bucket(line int) BucketState {
	b := BucketState{line: line}
	seenName := false
	r.object([]string{"created", "generate", "inventory", "name", "objects", "owner", "region"}, func(key string, _ int) {
		switch key {
		case "objects":
			b.Objects = r.objects()
		case "generate":
			r.peek()
			if l := r.at(); !r.null() {
				b.Generate, b.generateLine = r.generate(), l
			}
		case "name":
			b.Name, seenName = r.str(), true
		case "owner":
			b.Owner = r.str()
		case "region":
			b.Region = r.str()
		case "created":
			if s := r.str(); s != "" {
				t, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					r.fail()
				}
				b.Created = t.UTC()
			}
		case "inventory":
			r.list(func(line int) {
				b.Inventory = append(b.Inventory, r.str())
				b.docLines = append(b.docLines, line)
			})
		}
	})
	if !seenName {
		r.fail()
	}
	return b
}

func (r *jsonReader) generate() *object.GenerateSpec {
	g := &object.GenerateSpec{}
	r.object([]string{"count", "prefix", "seed", "versions"}, func(key string, _ int) {
		switch key {
		case "count":
			g.Count = int(r.int64())
		case "prefix":
			g.Prefix = r.str()
		case "seed":
			g.Seed = r.uint64()
		case "versions":
			g.Versions = int(r.int64())
		}
	})
	return g
}

func (r *jsonReader) account() identity.Account {
	var a identity.Account
	r.object([]string{"id", "keys"}, func(key string, _ int) {
		if key == "id" {
			a.ID = r.str()
			return
		}
		a.Keys = []identity.Key{}
		r.list(func(int) {
			var k identity.Key
			r.object([]string{"accessKeyId", "actions", "secretAccessKey"}, func(key string, _ int) {
				switch key {
				case "accessKeyId":
					k.AccessKeyID = r.str()
				case "secretAccessKey":
					k.SecretAccessKey = r.str()
				case "actions":
					r.list(func(int) { k.Actions = append(k.Actions, r.str()) })
				}
			})
			a.Keys = append(a.Keys, k)
		})
	})
	return a
}

func (r *jsonReader) delivery() Delivery {
	var d Delivery
	r.object([]string{"bucket", "completedAt", "destination", "faults", "files", "id", "keys",
		"landAt", "manifestKey", "outcome", "reason", "rows", "scanAt", "seq"}, func(key string, _ int) {
		switch key {
		case "seq":
			d.Seq = r.uint64()
		case "rows":
			d.Rows = r.int64()
		case "files":
			d.Files = int(r.int64())
		case "scanAt":
			d.ScanAt = r.time()
		case "completedAt":
			d.CompletedAt = r.time()
		case "landAt":
			d.LandAt = r.time()
		case "keys", "faults":
			list := []string{}
			r.list(func(int) { list = append(list, r.str()) })
			if key == "keys" {
				d.Keys = list
			} else {
				d.Faults = list
			}
		case "bucket":
			d.Bucket = r.str()
		case "id":
			d.ID = r.str()
		case "outcome":
			d.Outcome = DeliveryOutcome(r.str())
		case "reason":
			d.Reason = r.str()
		case "destination":
			d.Destination = r.str()
		case "manifestKey":
			d.ManifestKey = r.str()
		}
	})
	return d
}

func (r *jsonReader) schedule() ScheduleState {
	var ss ScheduleState
	r.object([]string{"bucket", "firstPut", "id", "versions"}, func(k string, _ int) {
		switch k {
		case "bucket":
			ss.Bucket = r.str()
		case "id":
			ss.ID = r.str()
		case "firstPut":
			ss.FirstPut = r.time()
		case "versions":
			r.list(func(int) {
				var vs ScheduleVersionState
				r.object([]string{"at", "deleted", "inventory"}, func(k string, _ int) {
					switch k {
					case "at":
						vs.At = r.time()
					case "inventory":
						vs.Inventory = r.str()
					case "deleted":
						vs.Deleted = r.bool()
					}
				})
				ss.Versions = append(ss.Versions, vs)
			})
		}
	})
	return ss
}

func (r *jsonReader) landing() LandingState {
	var ls LandingState
	r.object([]string{"destination", "landAt", "objects", "seq"}, func(k string, _ int) {
		switch k {
		case "seq":
			ls.Seq = r.uint64()
		case "destination":
			ls.Destination = r.str()
		case "landAt":
			ls.LandAt = r.time()
		case "objects":
			ls.Objects = r.objects()
		}
	})
	return ls
}

// objects reads a list of object items as stateWalker.objects does.
func (r *jsonReader) objects() []ObjectState {
	idx, names := objectKeys()
	var out []ObjectState
	r.list(func(line int) {
		o := ObjectState{line: line, keyLines: map[string]int{}}
		m := reflect.ValueOf(&o.Mapping).Elem()
		r.object(names, func(key string, keyLine int) {
			o.keyLines[key] = keyLine
			if r.null() {
				return
			}
			f := idx[key]
			if f < 0 {
				s := r.str()
				o.BodyBase64 = &s
				return
			}
			field := m.Field(f)
			switch field.Type().Elem().Kind() {
			case reflect.Bool:
				v := r.bool()
				field.Set(reflect.ValueOf(&v))
			case reflect.Int64:
				v := r.int64()
				field.Set(reflect.ValueOf(&v))
			default:
				s := r.str()
				field.Set(reflect.ValueOf(&s))
			}
		})
		out = append(out, o)
	})
	return out
}
