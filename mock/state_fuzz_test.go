package mock_test

import (
	"errors"
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
