package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/yamldoc"
	"github.com/s3invmock/s3invmock/scenarios"
)

// section is the byte range of one top-level value of a bundle.
type section struct{ start, end int }

// Parse reads a bundle, JSON or YAML, told apart by content (a valid JSON text is
// JSON). The seed is checked as mock.ParseState checks it and the scenario as
// scenarios.Parse does; their errors keep the lines of the bundle, because each part
// is read in place with the rest of the document blanked out. The whole bundle is read
// by yamldoc first, so an alias, a key given twice (two seed keys) or a second
// document is refused with its line as a *yamldoc.Error.
func Parse(data []byte) (*Bundle, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("empty bundle: want a document with seed and scenario")
	}
	root, err := yamldoc.Read(data)
	if err != nil {
		return nil, err
	}
	var parts map[string]section
	if json.Valid(data) {
		parts, err = jsonSections(data)
	} else {
		parts, err = yamlSections(data, root)
	}
	if err != nil {
		return nil, err
	}
	b := &Bundle{}
	for key, sec := range parts {
		part := isolate(data, sec)
		switch key {
		case "seed":
			if b.Seed, err = mock.ParseState(part); err != nil {
				return nil, fmt.Errorf("seed: %w", err)
			}
		case "scenario":
			if b.Scenario, err = scenarios.Parse(part); err != nil {
				return nil, fmt.Errorf("scenario: %w", err)
			}
		default:
			return nil, fmt.Errorf("unknown key %q: a bundle has seed and scenario", key)
		}
	}
	return b, nil
}

// jsonSections finds the byte range of each top-level value of a JSON object.
func jsonSections(data []byte) (map[string]section, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("a bundle is an object with seed and scenario")
	}
	out := map[string]section{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		end := int(dec.InputOffset())
		if string(raw) != "null" {
			out[key] = section{end - len(raw), end}
		}
	}
	return out, nil
}

// yamlSections finds the byte range of each top-level value of a YAML mapping. A
// block value runs from its first byte to the line of the next key; a value in flow
// style (or any value of a flow-style bundle, {seed: {...}, scenario: {...}}) ends
// where its brackets close.
func yamlSections(data []byte, root *yaml.Node) (map[string]section, error) {
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: a bundle is a mapping with seed and scenario", root.Line)
	}
	out := map[string]section{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			continue
		}
		start := offsetOf(data, val.Line, val.Column)
		end := len(data)
		switch {
		case root.Style&yaml.FlowStyle != 0 || val.Style&yaml.FlowStyle != 0:
			end = flowEnd(data, start)
		case i+2 < len(root.Content):
			end = offsetOf(data, root.Content[i+2].Line, 1)
		}
		out[key.Value] = section{start, end}
	}
	return out, nil
}

// offsetOf is the byte offset of a 1-based line and column.
func offsetOf(data []byte, line, col int) int {
	off := 0
	for l := 1; l < line && off < len(data); l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return min(off+col-1, len(data))
}

// isolate blanks every byte outside sec but line breaks, so that the part parses on
// its own and keeps its lines.
func isolate(data []byte, sec section) []byte {
	out := bytes.Clone(data)
	for i, c := range out {
		if (i < sec.start || i >= sec.end) && c != '\n' && c != '\r' {
			out[i] = ' '
		}
	}
	return out
}
