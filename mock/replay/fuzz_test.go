package replay_test

import (
	"testing"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/replay"
)

// FuzzParse feeds Parse arbitrary bundles, seeded with the fixture bundles and the
// shapes the strict reader refuses. Parse must never panic, and a bundle it accepts
// must survive a trip through its own YAML.
func FuzzParse(f *testing.F) {
	files, err := fixtures.BundleFiles()
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := fixtures.Bundles.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, doc := range []string{
		"seed: &s {buckets: []}\nscenario: *s\n",
		"seed: {buckets: []}\nscenario: {rules: [&r {name: a}, *r, *r]}\n",
		"seed: {buckets: []}\nseed: {buckets: [{name: reports}]}\n",
		"scenario: {rules: [{name: a, name: b}]}\n",
		"scenario: {rules: []}\n---\nseed: {buckets: []}\n",
		`{"scenario": {"rules": []}} {"seed": {"buckets": []}}`,
		`{seed: {buckets: [{name: reports}]}, scenario: {rules: [{name: "a}", action: {error: SlowDown}}]}}`,
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := replay.Parse(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		doc, err := b.YAML()
		if err != nil {
			t.Fatalf("render an accepted bundle: %v", err)
		}
		if _, err := replay.Parse(doc); err != nil {
			t.Fatalf("its own YAML is refused: %v\n%s", err, doc)
		}
	})
}
