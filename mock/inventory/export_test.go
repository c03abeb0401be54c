package inventory

import "github.com/s3invmock/s3invmock/mock/internal/wire"

// FastTree is fastTree, for the differential fuzz target.
var FastTree = fastTree

// DecodeReference is Decode through encoding/xml alone (wire.ParseTree): the
// reference every test holds the fast path to.
func DecodeReference(body []byte, id string) (*Configuration, *wire.Error) {
	return decode(parseReference, body, id)
}

// Intern is intern, for the spec that known words cost no allocation.
var Intern = intern

// SplitARN is splitARN, held to strings.SplitN.
var SplitARN = splitARN

// ReadDirect is readDirect and ParseReference is Parse through encoding/xml alone,
// for the fuzz target that holds the two equal.
var (
	ReadDirect     = readDirect
	ParseReference = parseReference
)
