package report

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"
)

// ParquetSchemaName is the root of a Parquet report's schema (R).
const ParquetSchemaName = "s3.inventory"

// parquetNode returns the leaf of column c, as AWS's writer types it (R): bucket
// and key required BYTE_ARRAY STRING; every other column optional; booleans plain;
// size INT64 with no annotation (parquet-go's Int(64) would add INTEGER(64,true),
// so the bare physical type is used); dates INT64 TIMESTAMP(MILLIS, UTC); strings
// BYTE_ARRAY STRING. Every column is SNAPPY (R) and PLAIN-encoded: parquet-mr picks
// PLAIN or dictionary pages (R), parquet-go would pick DELTA_LENGTH_BYTE_ARRAY for
// strings, which some readers of v1 files do not expect (C).
func parquetNode(c Column) parquet.Node {
	var n parquet.Node
	switch c.Kind {
	case KindBoolean:
		n = parquet.Leaf(parquet.BooleanType)
	case KindInt64:
		n = parquet.Leaf(bareInt64{parquet.Int64Type})
	case KindTimestamp:
		n = parquet.Timestamp(parquet.Millisecond)
	default:
		n = parquet.String()
	}
	n = parquet.Compressed(parquet.Encoded(n, &parquet.Plain), &parquet.Snappy)
	if c.id == colBucket || c.id == colKey {
		return parquet.Required(n)
	}
	return parquet.Optional(n)
}

// bareInt64 is parquet-go's INT64 without the INTEGER(64,true) logical type its
// Int64Type declares: AWS's size column has no annotation (R).
type bareInt64 struct{ parquet.Type }

func (bareInt64) LogicalType() *format.LogicalType { return nil }

// orderedGroup is a Parquet group whose columns keep the order they are given in:
// parquet.Group is a map and sorts its fields by name, which would put bucket after
// e_tag.
type orderedGroup []parquet.Field

func newOrderedGroup(cols []Column) orderedGroup {
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		g[i] = &orderedField{Node: parquetNode(c), name: c.SnakeName, index: i}
	}
	return g
}

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group(nil).Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }
func (g orderedGroup) String() string {
	var b strings.Builder
	// Printing to a strings.Builder cannot fail.
	_ = parquet.PrintSchema(&b, "", g)
	return b.String()
}

// GoType is a struct with one field per column, in order; the package writes rows
// of values and never maps Go structs, but the interface asks for it.
func (g orderedGroup) GoType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, f := range g {
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: f.GoType(),
			Tag: reflect.StructTag(`parquet:` + strconv.Quote(f.Name()))}
	}
	return reflect.StructOf(fields)
}

// orderedField is one named column of an orderedGroup.
type orderedField struct {
	parquet.Node
	name  string
	index int
}

func (f *orderedField) Name() string { return f.name }

// Value returns the field of a struct of GoType; anything else has no such field.
func (f *orderedField) Value(base reflect.Value) reflect.Value {
	for base.Kind() == reflect.Pointer || base.Kind() == reflect.Interface {
		if base.IsNil() {
			return reflect.Value{}
		}
		base = base.Elem()
	}
	if base.Kind() != reflect.Struct || f.index >= base.NumField() {
		return reflect.Value{}
	}
	return base.Field(f.index)
}
