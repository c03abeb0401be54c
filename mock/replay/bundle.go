package replay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/scenarios"
)

// Bundle is a reproduction: the state before the first request and the scenario that
// answers the recorded requests. Its JSON form is the file format; YAML is the same
// document.
type Bundle struct {
	// Seed is the starting state; nil means an empty fake.
	Seed *mock.State `json:"seed,omitempty"`
	// Scenario answers the recorded requests in order; nil means none.
	Scenario *scenarios.Scenario `json:"scenario,omitempty"`
}

// Install makes srv answer as the bundle says: the scenario is checked first, then
// the seed replaces srv's state (atomically; a refused seed changes nothing), the
// scenario replaces engine's, and the journal is emptied so that it shows the replay
// alone. engine must be srv's hook.
func (b *Bundle) Install(srv *mock.Server, engine *scenarios.Engine) error {
	if b.Scenario != nil {
		if err := b.Scenario.Validate(); err != nil {
			return fmt.Errorf("scenario: %w", err)
		}
	}
	if err := srv.LoadState(b.Seed); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := engine.Replace(b.Scenario); err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	srv.ClearJournal()
	return nil
}

// JSON renders the bundle as indented JSON, with < and > left readable.
func (b *Bundle) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// YAML renders the bundle as YAML, the same document as JSON with YAML's quoting.
func (b *Bundle) YAML() ([]byte, error) {
	js, err := b.JSON()
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(js, &doc); err != nil {
		return nil, err
	}
	plain(&doc)
	if doc.Kind == yaml.DocumentNode {
		doc.HeadComment = "s3invmock replay bundle: load it with s3invmock -replay FILE, PUT /_mock/replay\n" +
			"or mocktest.Replay; replay.Parse reads it as YAML or JSON."
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// plain drops the JSON quoting of a node tree, so that the YAML encoder quotes only
// what needs it; multi-line strings become literal blocks.
func plain(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		n.Style = 0
		if n.Tag == "!!str" && bytes.ContainsRune([]byte(n.Value), '\n') {
			n.Style = yaml.LiteralStyle
		}
	} else {
		n.Style = 0
	}
	for _, c := range n.Content {
		plain(c)
	}
}

// Load reads a bundle file, JSON or YAML whatever its name.
func Load(path string) (*Bundle, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}
