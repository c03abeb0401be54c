package mock_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock"
)

// FuzzParseState: any document gives a State or a *StateError, never a panic; a State
// that loads renders to a sealed snapshot that loads back to the same state.
func FuzzParseState(f *testing.F) {
	seed, err := fixtures.Seeds.ReadFile("seeds/example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, doc := range []string{
		"buckets:\n  - &b {name: reports}\n  - *b\n",
		"buckets: [&b {name: reports, inventory: [&d x]}, *b, *b, {name: a-b, inventory: [*d, *d]}]\n",
		"buckets:\n  - {name: reports, name: archive}\n",
		"buckets: []\nbuckets: [{name: reports}]\n",
		"buckets: []\n---\nbuckets: [{name: reports}]\n",
		`{"buckets": []} {"buckets": [{"name": "reports"}]}`,
		"{buckets: [{name: reports, region: eu-west-1}]}",
		"snapshot:\n  sha256: 00\nbuckets: [{name: reports}]\n",
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		st, err := mock.ParseState(doc)
		var se *mock.StateError
		if err != nil {
			if !errors.As(err, &se) || len(se.Problems) == 0 {
				t.Fatalf("not a *StateError with problems: %v", err)
			}
			return
		}
		srv := mock.New()
		if srv.LoadState(st) != nil {
			return
		}
		snap, err := srv.State().YAML()
		if err != nil {
			t.Fatal(err)
		}
		again, err := mock.ParseState(snap)
		if err != nil {
			t.Fatalf("its own snapshot is refused: %v\n%s", err, snap)
		}
		other := mock.New()
		if err := other.LoadState(again); err != nil {
			t.Fatalf("its own snapshot does not load: %v", err)
		}
		a, _ := srv.State().JSON()
		b, _ := other.State().JSON()
		if string(a) != string(b) {
			t.Fatalf("round trip changed the state:\n%s\n%s", a, b)
		}
	})
}

// FuzzParseStateJSON: whatever JSON the fast path reads, the line-aware path reads to
// exactly the same State, lines included.
func FuzzParseStateJSON(f *testing.F) {
	for _, doc := range []string{
		`{"buckets": [{"name": "reports", "inventory": ["<a>\u00e9\"</a>"]}], "accounts": []}`,
		"{\r\n \"buckets\": [\r\n  {\"name\": \"a-b\", \"created\": \"2026-11-25T12:00:00.5+01:00\",\n \"generate\": {\"count\": 3, \"seed\": 7}}]}",
		`{"buckets":[{"name":"a","objects":[{"Key":"k","Size":12,"IsLatest":false,"Body":null,"BodyBase64":"aGk="}]}]}`,
		`{"accounts": [{"id": "123456789012", "keys": [{"accessKeyId": "AK", "secretAccessKey": "s", "actions": ["s3:*"]}]}]}`,
		`{"deliveries": [{"seq": 1, "bucket": "a", "id": "d", "scanAt": "2026-11-25T01:00:00Z", "completedAt": "2026-11-25T01:00:00Z", "outcome": "delivered", "keys": [], "faults": null, "rows": 2, "files": 1}]}`,
		`{"clock": {"now": "2026-12-06T00:00:00Z", "simulated": true}, "schedules": [{"bucket": "a", "id": "d", "firstPut": "2026-12-06T00:00:00Z", "versions": [{"at": "2026-12-06T00:00:00Z", "deleted": true}]}], "landings": [{"seq": 1, "destination": "a", "landAt": "2026-12-06T00:00:00Z", "objects": []}]}`,
		`{"snapshot": {"sha256": ""}, "buckets": []}`,
		`{"buckets": [{"name": "a\u2028b\t"}]}`,
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		fast, ok := mock.ParseStateFast(doc)
		if !ok {
			return
		}
		lines, err := mock.ParseStateLines(doc)
		if err != nil {
			t.Fatalf("the fast path reads what the line-aware path refuses: %v", err)
		}
		if !reflect.DeepEqual(fast, lines) {
			t.Fatalf("the two paths differ:\n%#v\n%#v", fast, lines)
		}
	})
}
