// Package object is the object model of the fake's buckets as inventory reports see
// it: Version (one object version, field names from the report's columns), Mapping
// (the form seed documents write, validated and defaulted by Resolve), Filler (the
// content of a version seeded without a body), Generate (deterministic bulk
// objects) and Stored (the compact resident form, made by a Packer).
//
// Report order is Compare: key, then version id, in byte order.
//
// The package imports nothing of this module.
package object
