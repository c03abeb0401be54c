package inventory

import (
	"bytes"
	"strings"
)

// readDirect reads a document straight into a Configuration, without a tree, when it
// is in fastTree's narrow shape and parseRoot would accept it; ok is false for
// anything else, right or wrong, and Parse then reads the tree, which stays the
// judge of every refusal and of every document readDirect does not know. The tree
// read and its walk were 9% of the sidecar's CPU on put-replace (perf), the largest
// part of a Put left. FuzzFastTree holds readDirect's models to the reference path's.
func readDirect(body []byte) (*Configuration, bool) {
	body, _, ok := fastShape(body)
	if !ok {
		return nil, false
	}
	d := direct{b: body, i: skipSpace(body, 0)}
	name, empty, ok := d.startTag()
	if !ok || name != "InventoryConfiguration" || empty {
		return nil, false
	}
	box := &configurationBox{}
	cfg := &box.cfg
	var seen rootSeen
	ok = d.children("InventoryConfiguration", func(name string, empty bool) bool {
		switch name {
		case "Id":
			id, ok := d.leaf(name, empty, &seen.id)
			cfg.ID = id
			return ok && ValidID(id)
		case "IsEnabled":
			v, ok := d.leaf(name, empty, &seen.enabled)
			cfg.IsEnabled = v == "true"
			return ok && (v == "true" || v == "false")
		case "Destination":
			return d.once(&seen.destination) && d.destination(name, empty, box)
		case "Schedule":
			var freq string
			var has bool
			ok := d.once(&seen.schedule) && !empty && d.children(name, func(child string, empty bool) bool {
				v, ok := d.leaf(child, empty, &has)
				freq = v
				return child == "Frequency" && ok
			})
			cfg.Schedule = Frequency(freq)
			return ok && has && cfg.Schedule.Valid()
		case "Filter":
			var has bool
			ok := d.once(&seen.filter) && !empty && d.children(name, func(child string, empty bool) bool {
				v, ok := d.leaf(child, empty, &has)
				box.filter.Prefix = v
				return child == "Prefix" && ok
			})
			cfg.Filter = &box.filter
			return ok && has
		case "IncludedObjectVersions":
			v, ok := d.leaf(name, empty, &seen.versions)
			cfg.IncludedObjectVersions = IncludedObjectVersions(v)
			return ok && cfg.IncludedObjectVersions.Valid()
		case "OptionalFields":
			if !d.once(&seen.fields) {
				return false
			}
			cfg.OptionalFields = box.fields[:0:0]
			if empty {
				return true
			}
			fields := box.fields[:0]
			ok := d.children(name, func(child string, empty bool) bool {
				var has bool
				v, ok := d.leaf(child, empty, &has)
				if child != "Field" || !ok || !OptionalField(v).Valid() {
					return false
				}
				fields = append(fields, OptionalField(v))
				return true
			})
			// No spare room left in the box: a copy of the model appending to its fields
			// must not write into this one's, as with the reference's exact-size slice.
			cfg.OptionalFields = fields[:len(fields):len(fields)]
			return ok
		}
		return false
	})
	if !ok || !seen.complete() || skipSpace(body, d.i) != len(body) {
		return nil, false
	}
	return cfg, true
}

// configurationBox is a Configuration and what its pointers point to, in one
// allocation rather than five. Room for 8 fields: the SDKs' examples and the fixtures
// carry 2 to 6; a longer list grows out of the box.
type configurationBox struct {
	cfg                      Configuration
	accountID, prefix, kmsID string
	filter                   Filter
	encryption               Encryption
	fields                   [8]OptionalField
}

// rootSeen are the children of the root read so far.
type rootSeen struct {
	id, enabled, destination, schedule, filter, versions, fields bool
}

func (s rootSeen) complete() bool {
	return s.id && s.enabled && s.destination && s.schedule && s.versions
}

// direct is readDirect's place in the document.
type direct struct {
	b []byte
	i int
}

// once marks an element seen; false the second time (a repeated element is refused).
func (d *direct) once(seen *bool) bool {
	if *seen {
		return false
	}
	*seen = true
	return true
}

// startTag reads <Name>, <Name/> or either with xmlns="S3" at d.i, as fastTree does.
func (d *direct) startTag() (name string, empty, ok bool) {
	b := d.b
	if d.i >= len(b) || b[d.i] != '<' {
		return "", false, false
	}
	name, j := readName(b, d.i+1)
	if name == "" {
		return "", false, false
	}
	k := skipSpace(b, j)
	if k > j && bytes.HasPrefix(b[k:], xmlnsAttr) {
		k = skipSpace(b, k+len(xmlnsAttr))
	}
	switch {
	case k < len(b) && b[k] == '>':
		d.i = k + 1
		return name, false, true
	case k+1 < len(b) && b[k] == '/' && b[k+1] == '>':
		d.i = k + 2
		return name, true, true
	}
	return "", false, false
}

// endTag reads </name> at d.i, with optional whitespace before the '>'.
func (d *direct) endTag(name string) bool {
	b := d.b
	if !bytes.HasPrefix(b[d.i:], []byte("</")) || !bytes.HasPrefix(b[d.i+2:], []byte(name)) {
		return false
	}
	j := skipSpace(b, d.i+2+len(name))
	if j >= len(b) || b[j] != '>' {
		return false
	}
	d.i = j + 1
	return true
}

// children reads the children of the open container name up to its end tag, with
// whitespace between them and no other text, calling child for each start tag; child
// reads the rest of its element.
func (d *direct) children(name string, child func(name string, empty bool) bool) bool {
	for {
		d.i = skipSpace(d.b, d.i)
		if d.i+1 < len(d.b) && d.b[d.i] == '<' && d.b[d.i+1] == '/' {
			return d.endTag(name)
		}
		c, empty, ok := d.startTag()
		if !ok || !child(c, empty) {
			return false
		}
	}
}

// leaf reads the text of an element already opened (empty: <Name/>) up to its end
// tag; seen marks it, and a second one is refused.
func (d *direct) leaf(name string, empty bool, seen *bool) (string, bool) {
	if !d.once(seen) {
		return "", false
	}
	if empty {
		return "", true
	}
	j, text, ok := readText(d.b, d.i)
	if !ok {
		return "", false
	}
	d.i = j
	return text, d.endTag(name)
}

// destination reads <Destination><S3BucketDestination>...</S3BucketDestination></Destination>.
func (d *direct) destination(name string, empty bool, box *configurationBox) bool {
	dst := &box.cfg.Destination
	var s3, format, account, bucket, prefix, encryption bool
	ok := !empty && d.children(name, func(child string, empty bool) bool {
		if child != "S3BucketDestination" || !d.once(&s3) || empty {
			return false
		}
		return d.children(child, func(field string, empty bool) bool {
			switch field {
			case "Format":
				v, ok := d.leaf(field, empty, &format)
				dst.Format = Format(v)
				return ok && dst.Format.Valid()
			case "AccountId":
				v, ok := d.leaf(field, empty, &account)
				box.accountID, dst.AccountID = v, &box.accountID
				return ok
			case "Bucket":
				v, ok := d.leaf(field, empty, &bucket)
				dst.Bucket = v
				return ok
			case "Prefix":
				v, ok := d.leaf(field, empty, &prefix)
				box.prefix, dst.Prefix = v, &box.prefix
				return ok
			case "Encryption":
				return d.once(&encryption) && !empty && d.encryption(field, box)
			}
			return false
		})
	})
	return ok && s3 && format && bucket
}

// encryption reads the one child of <Encryption>: <SSE-S3/> (whitespace at most) or
// <SSE-KMS><KeyId>non-empty</KeyId></SSE-KMS>.
func (d *direct) encryption(name string, box *configurationBox) bool {
	var kind bool
	ok := d.children(name, func(child string, empty bool) bool {
		switch child {
		case "SSE-S3":
			v, ok := d.leaf(child, empty, &kind)
			box.encryption = Encryption{SSES3: true}
			return ok && strings.TrimSpace(v) == ""
		case "SSE-KMS":
			if !d.once(&kind) || empty {
				return false
			}
			var key bool
			ok := d.children(child, func(field string, empty bool) bool {
				v, ok := d.leaf(field, empty, &key)
				box.kmsID = v
				return field == "KeyId" && ok
			})
			box.encryption = Encryption{KMSKeyID: box.kmsID}
			return ok && key && box.kmsID != ""
		}
		return false
	})
	box.cfg.Destination.Encryption = &box.encryption
	return ok && kind
}
