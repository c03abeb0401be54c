package yamldoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// secondJSONValue reports the offset of a second value when data begins with a
// complete JSON value followed by another one. Anything else after the first value
// (a YAML comment, a --- line) is left to the YAML parser.
func secondJSONValue(data []byte) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v json.RawMessage
	if dec.Decode(&v) != nil {
		return 0, false
	}
	first := int(dec.InputOffset())
	rest := bytes.TrimLeft(data[first:], " \t\r\n")
	if len(rest) == 0 || dec.Decode(&v) != nil {
		return 0, false
	}
	return len(data) - len(rest), true
}

// jsonSyntax checks data is one JSON value, else names the line where it breaks.
func jsonSyntax(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v json.RawMessage
	err := dec.Decode(&v)
	if err == nil {
		if _, extra := dec.Token(); extra != nil {
			return nil
		}
		err = errors.New("more than one JSON value")
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	return &Error{Line: lineAt(data, int(off)), Message: "not valid JSON: " + err.Error()}
}

func startsLikeJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, off int) int {
	return 1 + bytes.Count(data[:min(max(off, 0), len(data))], []byte("\n"))
}

// syntaxError turns a yaml.v3 error ("yaml: line 3: mapping values are not allowed
// in this context") into an Error with the line taken out of the message.
func syntaxError(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if i := strings.Index(msg, "line "); i >= 0 {
		_, _ = fmt.Sscanf(msg[i:], "line %d", &line)
		if rest, ok := strings.CutPrefix(msg[i:], fmt.Sprintf("line %d: ", line)); ok {
			msg = msg[:i] + rest
		}
	}
	return &Error{Line: line, Message: "not valid YAML: " + msg}
}
