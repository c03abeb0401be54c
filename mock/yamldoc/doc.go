// Package yamldoc is the one strict reader of s3invmock's documents: scenarios, seeds,
// snapshots and replay bundles, in YAML or JSON. It parses one document into a
// yaml.Node tree (so that every value keeps its line) and refuses, with the line, what
// yaml.v3 lets through silently and what no s3invmock document needs:
//
//   - an alias (*name): the tree shares the anchored node, and a reader that walks
//     every reference re-walks the subtree each time, so 100 KB of "billion laughs"
//     aliases grow into gigabytes. No fixture uses aliases; anchors alone are harmless.
//   - a key given twice in one mapping ({name: a, name: b}): yaml.v3 keeps both in
//     the tree, and a reader would take one of them without a word.
//   - a second YAML document (---) or a second JSON value: yaml.v3 reads the first
//     and drops the rest.
//
// Quick start:
//
//	root, err := yamldoc.Read(data) // JSON or YAML, told apart by content
//	var de *yamldoc.Error
//	if errors.As(err, &de) {
//		fmt.Printf("line %d: %s\n", de.Line, de.Message)
//	}
package yamldoc
