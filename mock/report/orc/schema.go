package orc

import (
	"fmt"
	"strings"
)

// Kind is the type of a column: the four ORC types an inventory report uses.
type Kind int

// The kinds, named as the manifest's fileSchema spells them.
const (
	String    Kind = iota + 1 // ORC STRING (Type.Kind 7), UTF-8
	Boolean                   // ORC BOOLEAN (Type.Kind 0)
	BigInt                    // ORC LONG (Type.Kind 4), Hive's bigint
	Timestamp                 // ORC TIMESTAMP (Type.Kind 9), not TIMESTAMP_INSTANT
)

// String returns the kind as the ORC type string spells it (string, boolean, bigint,
// timestamp).
func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Boolean:
		return "boolean"
	case BigInt:
		return "bigint"
	case Timestamp:
		return "timestamp"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// typeKind is the Type.Kind enum value of orc_proto.proto.
func (k Kind) typeKind() uint64 {
	switch k {
	case Boolean:
		return 0
	case BigInt:
		return 4
	case Timestamp:
		return 9
	}
	return 7
}

// structKind is Type.Kind STRUCT, the root of every file written here.
const structKind = 12

// Column is one field of the root struct.
type Column struct {
	Name string // lower-case field name such as "last_modified_date"
	Kind Kind
}

// TypeString renders the schema as ORC's type description and the manifest's
// fileSchema spell it, with no spaces: struct<bucket:string,key:string,size:bigint>.
// It fails on the column lists that NewWriter refuses.
func TypeString(cols []Column) (string, error) {
	if err := validateColumns(cols); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("struct<")
	for i, c := range cols {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(c.Name)
		b.WriteByte(':')
		b.WriteString(c.Kind.String())
	}
	b.WriteByte('>')
	return b.String(), nil
}

// validateColumns accepts at least one column, each with a known kind and a name of
// ASCII letters, digits and underscores, no two alike. Those are the names ORC's
// type-description parser reads without back-quotes, and Hive compares field names
// without regard to case.
func validateColumns(cols []Column) error {
	if len(cols) == 0 {
		return fmt.Errorf("orc: no columns")
	}
	seen := make(map[string]bool, len(cols))
	for i, c := range cols {
		if c.Kind < String || c.Kind > Timestamp {
			return fmt.Errorf("orc: column %d (%q): unknown kind %v", i, c.Name, c.Kind)
		}
		if !validName(c.Name) {
			return fmt.Errorf("orc: column %d: invalid name %q (want ASCII letters, digits, _)", i, c.Name)
		}
		lower := strings.ToLower(c.Name)
		if seen[lower] {
			return fmt.Errorf("orc: column %d: duplicate name %q", i, c.Name)
		}
		seen[lower] = true
	}
	return nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
