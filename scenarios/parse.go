package scenarios

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"

	"github.com/s3invmock/s3invmock/mock/yamldoc"
)

// Format is the syntax of a scenario document.
type Format int

// The formats Parse understands. JSON is read by the YAML parser too (JSON is YAML),
// after a strict JSON syntax check, so both give lines in their errors. Either way an
// alias, a key given twice, or a second document or JSON value is refused with its
// line (see package yamldoc).
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
	read := yamldoc.Read
	if f == FormatJSON {
		read = yamldoc.ReadJSON
	}
	root, err := read(data)
	var de *yamldoc.Error
	if errors.As(err, &de) {
		return nil, &ValidationError{Errors: []FieldError{{Line: de.Line, Message: de.Message}}}
	}
	if err != nil {
		return nil, err
	}
	rd := &reader{lines: map[string]int{}}
	sc := rd.scenario(root)
	var p problems
	sc.validate(&p)
	p.list = append(rd.problems.list, withoutFollowUps(p.list, rd.problems.list)...)
	at := func(fe FieldError) int {
		if fe.Line > 0 {
			return fe.Line
		}
		return lineOf(fe.Path, rd.lines)
	}
	slices.SortStableFunc(p.list, func(a, b FieldError) int { return at(a) - at(b) })
	if err := p.result(sc, rd.lines); err != nil {
		return nil, err
	}
	return sc, nil
}

// withoutFollowUps drops the validation problems of a field that could not be read,
// or of one inside it: a value that did not read as its type is zero, and "is
// required" or "must be positive" about it would only repeat the type error. Every
// other problem stays, so that one pass reports them all, type errors and
// validation errors together.
func withoutFollowUps(validation, read []FieldError) []FieldError {
	out := validation[:0:0]
	for _, v := range validation {
		followUp := slices.ContainsFunc(read, func(r FieldError) bool {
			return v.Path == r.Path || strings.HasPrefix(v.Path, r.Path+".") || strings.HasPrefix(v.Path, r.Path+"[")
		})
		if !followUp {
			out = append(out, v)
		}
	}
	return out
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
