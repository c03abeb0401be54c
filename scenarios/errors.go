package scenarios

import (
	"fmt"
	"strconv"
	"strings"
)

// FieldError is one thing wrong with a scenario: which rule, which field (a path like
// rules[0].action.error), and for a file the line the field is on.
type FieldError struct {
	// Rule is the rule's name, or rules[i] when it has none; empty outside rules.
	Rule string `json:"rule,omitempty"`
	// Path is the field's place in the document, like rules[0].when.probability.
	Path string `json:"path"`
	// Line is the 1-based line in the file, 0 for scenarios built in Go.
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Error reads like "line 7: rule "deny": rules[0].action.error: unknown error code".
func (e FieldError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line " + strconv.Itoa(e.Line) + ": ")
	}
	if e.Rule != "" {
		b.WriteString("rule " + strconv.Quote(e.Rule) + ": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// ValidationError lists everything wrong with a scenario; Parse, Load, Validate and
// Builder.Build return it. The engine never runs a scenario that has one.
type ValidationError struct {
	// File is the path given to Load, empty otherwise.
	File   string
	Errors []FieldError
}

// Error lists every problem, one a line, prefixed with the file when there is one.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid scenario")
	if e.File != "" {
		b.WriteString(" " + e.File)
	}
	for _, fe := range e.Errors {
		b.WriteString("\n  " + fe.Error())
	}
	return b.String()
}

// problems collects field errors while reading or validating.
type problems struct {
	list []FieldError
}

func (p *problems) add(path string, line int, format string, args ...any) {
	p.list = append(p.list, FieldError{Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
}

// result names the rule of every error and returns nil when there is none.
func (p *problems) result(sc *Scenario, lines map[string]int) error {
	if len(p.list) == 0 {
		return nil
	}
	for i := range p.list {
		fe := &p.list[i]
		fe.Rule = ruleOf(fe.Path, sc)
		if fe.Line == 0 {
			fe.Line = lineOf(fe.Path, lines)
		}
	}
	return &ValidationError{Errors: p.list}
}

// ruleOf names the rule a path is under: its name, else "rules[i]".
func ruleOf(path string, sc *Scenario) string {
	rest, ok := strings.CutPrefix(path, "rules[")
	if !ok {
		return ""
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return ""
	}
	i, err := strconv.Atoi(rest[:end])
	if err == nil && sc != nil && i < len(sc.Rules) && sc.Rules[i].Name != "" {
		return sc.Rules[i].Name
	}
	return "rules[" + rest[:end] + "]"
}

// lineOf finds the line of path, or of its nearest recorded parent.
func lineOf(path string, lines map[string]int) int {
	for path != "" {
		if l, ok := lines[path]; ok {
			return l
		}
		cut := max(strings.LastIndexByte(path, '.'), strings.LastIndexByte(path, '['))
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return lines[""]
}
