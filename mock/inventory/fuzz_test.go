package inventory_test

import (
	"reflect"
	"testing"

	"github.com/s3invmock/s3invmock/fixtures"
	"github.com/s3invmock/s3invmock/mock/internal/wire"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// fuzzSeeds are the documents of this package's specs and every request body of the
// fixtures (gosdk, botocore, jssdk and the invalid ones), each with the id it names
// and one it does not.
func fuzzSeeds(tb testing.TB) [][]byte {
	seeds := [][]byte{[]byte(specGetBody), []byte(goSDKBody), []byte(botoBody), []byte(jsBody),
		[]byte(prettyBody), minimalDocument("report1"), nil, []byte("<"),
		[]byte("<InventoryConfiguration/>"), []byte("\xef\xbb\xbf" + jsBody),
		[]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><InventoryConfiguration>&e;</InventoryConfiguration>`),
		[]byte("<InventoryConfiguration " + ns + ">\r\n<Id>a&#x41;</Id><!-- c --><![CDATA[x]]></InventoryConfiguration>")}
	for _, client := range append(fixtures.Clients(), "invalid") {
		names, err := fixtures.RequestNames(client)
		if err != nil {
			tb.Fatal(err)
		}
		for _, name := range names {
			body, err := fixtures.RequestBody(client, name)
			if err != nil {
				tb.Fatal(err)
			}
			seeds = append(seeds, body)
		}
	}
	return seeds
}

// FuzzFastTree holds the fast decoder to encoding/xml on every input: where the fast
// path reads a tree, wire.ParseTree reads the same tree; where the direct reader reads
// a model, the reference reads the same; and Decode gives the same model, or the same
// S3 error, as DecodeReference.
func FuzzFastTree(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed, "report1")
		f.Add(seed, "escaped")
	}
	f.Fuzz(func(t *testing.T, body []byte, id string) {
		if fast, ok := inventory.FastTree(body); ok {
			ref, err := wire.ParseTree(body, "InventoryConfiguration")
			if err != nil {
				t.Fatalf("fast path read a tree encoding/xml refuses (%v): %q", err, body)
			}
			if !reflect.DeepEqual(fast, ref) {
				t.Fatalf("trees differ for %q:\nfast %#v\nref  %#v", body, fast, ref)
			}
		}
		if direct, ok := inventory.ReadDirect(body); ok {
			ref, err := inventory.ParseReference(body)
			if err != nil {
				t.Fatalf("the direct reader read a document the reference refuses (%v): %q", err, body)
			}
			if !reflect.DeepEqual(direct, ref) {
				t.Fatalf("direct and reference models differ for %q:\n%#v\n%#v", body, direct, ref)
			}
		}
		got, gotErr := inventory.Decode(body, id)
		want, wantErr := inventory.DecodeReference(body, id)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("Decode error %v, reference %v, for %q", gotErr, wantErr, body)
		}
		if gotErr != nil {
			if !reflect.DeepEqual(gotErr, wantErr) {
				t.Fatalf("S3 errors differ for %q:\n%#v\n%#v", body, gotErr, wantErr)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("models differ for %q:\n%#v\n%#v", body, got, want)
		}
	})
}
