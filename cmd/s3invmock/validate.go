package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/yamldoc"
	"github.com/s3invmock/s3invmock/scenarios"
)

// validate checks seed and scenario files and prints "FILE: ok" or one
// "FILE:LINE: problem" line per problem. It returns 0 when every file is valid.
func validate(files []string, stdout io.Writer) int {
	code := 0
	for _, f := range files {
		problems := validateFile(f)
		if len(problems) == 0 {
			fmt.Fprintf(stdout, "%s: ok\n", f)
			continue
		}
		code = 1
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
	}
	return code
}

// validateFile checks one file as a seed or as a scenario, told apart by its
// top-level keys, the way the sidecar would load it.
func validateFile(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return []string{path + ": " + err.Error()}
	}
	switch kindOf(data) {
	case "scenario":
		_, err = scenarios.Parse(data)
	case "seed":
		var st *mock.State
		if st, err = mock.ParseState(data); err == nil {
			err = mock.New().LoadState(st)
		}
	case "bundle":
		err = validateBundle(data)
	default:
		return []string{path + ":1: neither a seed (top-level buckets, accounts) nor a scenario (rules, seed)"}
	}
	return problemLines(path, err)
}

// kindOf tells a scenario (rules, seed) from a seed (buckets, accounts, snapshot) by the
// top-level keys. A document that does not parse is read as a seed, whose parser
// reports where it breaks.
func kindOf(data []byte) string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return "seed"
	}
	m := doc.Content[0]
	keys := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		keys[m.Content[i].Value] = true
	}
	switch {
	case keys["scenario"]:
		return "bundle" // a replay bundle: {seed, scenario}
	case keys["buckets"] || keys["accounts"] || keys["snapshot"]:
		return "seed" // or a snapshot, whose seal is its first key
	case keys["rules"] || keys["seed"]:
		return "scenario"
	}
	return ""
}

// problemLines renders a seed's or a scenario's errors as "FILE:LINE: problem" lines
// ("FILE: problem" when no line is known).
func problemLines(file string, err error) []string {
	if err == nil {
		return nil
	}
	at := func(line int) string {
		if line > 0 {
			return file + ":" + strconv.Itoa(line) + ": "
		}
		return file + ": "
	}
	var out []string
	var se *mock.StateError
	var ve *scenarios.ValidationError
	var de *yamldoc.Error
	switch {
	case errors.As(err, &se):
		for _, p := range se.Problems {
			line := p.Line
			p.Line = 0
			out = append(out, at(line)+p.Error())
		}
	case errors.As(err, &ve):
		for _, fe := range ve.Errors {
			line := fe.Line
			fe.Line = 0
			out = append(out, at(line)+fe.Error())
		}
	case errors.As(err, &de):
		out = append(out, at(de.Line)+de.Message)
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		out = append(out, at(0)+err.Error())
	}
	return out
}
