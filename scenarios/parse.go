package scenarios

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Format is the syntax of a scenario document.
type Format int

// The formats Parse understands. JSON is read by the YAML parser too (JSON is YAML),
// after a strict JSON syntax check, so both give lines in their errors.
const (
	// FormatAuto tells JSON from YAML by content: a valid JSON text is JSON.
	FormatAuto Format = iota
	FormatYAML        // YAML 1.2 (JSON included)
	FormatJSON        // strict JSON: a syntax error is refused with its line
)

// Parse reads a scenario from JSON or YAML, telling them apart by content, and
// validates it. Every problem comes back in one *ValidationError, each naming its
// rule, field path and line.
func Parse(data []byte) (*Scenario, error) { return ParseAs(data, FormatAuto) }

// ParseAs reads a scenario in the given format (FormatAuto sniffs) and validates it.
func ParseAs(data []byte, f Format) (*Scenario, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ValidationError{Errors: []FieldError{{Message: "empty document"}}}
	}
	if f == FormatAuto {
		f = FormatYAML
		if json.Valid(data) {
			f = FormatJSON
		}
	}
	if f == FormatJSON {
		if err := jsonSyntax(data); err != nil {
			return nil, err
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ValidationError{Errors: []FieldError{{Line: yamlErrorLine(err), Message: err.Error()}}}
	}
	rd := &reader{lines: map[string]int{}}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	sc := rd.scenario(root)
	// Structural problems first: a value that could not be read would only add
	// follow-up noise to validation.
	if err := rd.problems.result(sc, rd.lines); err != nil {
		return nil, err
	}
	var p problems
	sc.validate(&p)
	if err := p.result(sc, rd.lines); err != nil {
		return nil, err
	}
	return sc, nil
}

// Load reads and parses a scenario file; errors name the file.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sc, err := Parse(data)
	var ve *ValidationError
	if errors.As(err, &ve) {
		ve.File = path
	}
	return sc, err
}

// jsonSyntax checks data is one JSON value and reports the line of a syntax error.
func jsonSyntax(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, extra := dec.Token(); extra == nil {
			err = fmt.Errorf("more than one JSON value")
		} else {
			return nil
		}
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	line := 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	return &ValidationError{Errors: []FieldError{{Line: line, Message: "not valid JSON: " + err.Error()}}}
}

// yamlErrorLine digs "line N" out of a yaml.v3 error, 0 if there is none.
func yamlErrorLine(err error) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		_, _ = fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return line
}
