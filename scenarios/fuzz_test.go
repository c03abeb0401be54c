package scenarios_test

import (
	"encoding/json"
	"testing"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/scenarios"
)

// FuzzParse feeds Parse arbitrary documents, seeded with every example scenario and the
// issue's full example. Parse must never panic, and a scenario it accepts must survive
// a trip through its own JSON unchanged (the control API hands that JSON back).
func FuzzParse(f *testing.F) {
	files, err := fixtures.ScenarioFiles()
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := fixtures.Scenarios.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(issueExample))
	f.Add([]byte(`{"seed": 3, "rules": [{"name": "j", "match": {"operation": ["HeadBucket"]}, "action": {"fault": "hang"}}]}`))
	// The shapes the strict reader refuses: an alias, a key twice, a second document or
	// JSON value, and many aliases to one rule (the amplifying shape).
	f.Add([]byte("rules:\n  - &r {name: a}\n  - *r\n"))
	f.Add([]byte("rules: [&r {name: r, match: {headers: {x-a: b}}}, *r, *r, *r, *r]\n"))
	f.Add([]byte("rules:\n  - {name: a, name: b}\n"))
	f.Add([]byte("rules: []\nrules: [{name: a}]\n"))
	f.Add([]byte("rules: []\n---\nrules: [{name: a}]\n"))
	f.Add([]byte(`{"rules": []} {"rules": [{"name": "a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := scenarios.Parse(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		doc, err := json.Marshal(sc)
		if err != nil {
			t.Fatalf("marshal an accepted scenario: %v", err)
		}
		again, err := scenarios.Parse(doc)
		if err != nil {
			t.Fatalf("its own JSON %s is refused: %v", doc, err)
		}
		doc2, _ := json.Marshal(again)
		if string(doc) != string(doc2) {
			t.Fatalf("round trip changed the scenario:\n%s\n%s", doc, doc2)
		}
	})
}
