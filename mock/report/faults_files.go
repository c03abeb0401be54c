package report

import (
	"bytes"
	"slices"
)

// damage applies the file faults of f to a finished delivery d, in place: each one
// changes what lands in the destination, never what manifest.json says of the data
// files unless that is the fault (BadMD5). The first data file is the one damaged.
func (f *Faults) damage(d *Delivery) {
	if len(d.DataKeys) == 0 {
		return
	}
	first := slices.IndexFunc(d.Files, func(x File) bool { return x.Key == d.DataKeys[0] })
	manifest := slices.IndexFunc(d.Files, func(x File) bool { return x.Key == d.ManifestKey })
	if f.BadMD5 {
		// The MD5 is unique in manifest.json: 32 hex digits nothing else spells. The
		// checksum follows the manifest, so only the one fault shows.
		sum := d.Files[first].MD5
		m := bytes.Replace(d.Files[manifest].Body, []byte(`"`+sum+`"`), []byte(`"`+complementHex(sum)+`"`), 1)
		d.Files[manifest] = newFile(d.ManifestKey, m)
		d.Files[len(d.Files)-1] = newFile(d.ChecksumKey, checksumBody(m))
	}
	if f.BadChecksum {
		good := d.Files[manifest].MD5
		d.Files[len(d.Files)-1] = newFile(d.ChecksumKey, []byte(complementHex(good)+"\n"))
	}
	if f.Truncated {
		body := d.Files[first].Body
		d.Files[first] = newFile(d.Files[first].Key, body[:len(body)/2:len(body)/2])
	}
	// Removals last, by key, since they move the indexes above.
	if f.MissingChecksum {
		d.Files = slices.DeleteFunc(d.Files, func(x File) bool { return x.Key == d.ChecksumKey })
	}
	if f.MissingFile {
		d.Files = slices.DeleteFunc(d.Files, func(x File) bool { return x.Key == d.DataKeys[0] })
	}
}

// complementHex maps every hex digit of s to 15 minus it: a digest that differs from
// s in every digit, so it can never equal it.
func complementHex(s string) string {
	const digits = "0123456789abcdef"
	b := []byte(s)
	for i, c := range b {
		if j := bytes.IndexByte([]byte(digits), c); j >= 0 {
			b[i] = digits[15-j]
		}
	}
	return string(b)
}
