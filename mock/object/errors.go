package object

import "strings"

// FieldError is one problem with one field of a seeded object mapping.
type FieldError struct {
	// Field is the mapping's field name as a seed document spells it ("Size").
	Field string
	// Problem says what is wrong, e.g. `must not be negative, got -1`.
	Problem string
}

// Error implements error: "Size: must not be negative, got -1".
func (e FieldError) Error() string { return e.Field + ": " + e.Problem }

// FieldErrors is every problem found in one mapping, in field order.
type FieldErrors []FieldError

// Error implements error: the problems joined by "; ".
func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return "object: " + strings.Join(parts, "; ")
}
