package report

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
)

// ManifestIndent is manifest.json's indentation. C: real whitespace is unknown; two
// spaces, one member per line and a final LF are the layout of the only manifest
// bytes found (R, re-serialised by their author).
const ManifestIndent = "  "

// manifest is manifest.json; the field order is the key order of real manifests
// (D, R), and every scalar is a string but a file's size (R).
type manifest struct {
	SourceBucket      string         `json:"sourceBucket"`
	DestinationBucket string         `json:"destinationBucket"`
	Version           string         `json:"version"`
	CreationTimestamp string         `json:"creationTimestamp"`
	FileFormat        string         `json:"fileFormat"`
	FileSchema        string         `json:"fileSchema"`
	Files             []manifestFile `json:"files"`
}

type manifestFile struct {
	Key         string `json:"key"`
	Size        int64  `json:"size"`
	MD5checksum string `json:"MD5checksum"`
}

// encodeManifest returns the bytes of m: UTF-8 without HTML escaping (a key may hold
// "<" or "&"), ManifestIndent, final LF.
func encodeManifest(m manifest) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", ManifestIndent)
	// A struct of strings, ints and slices of them always encodes.
	_ = enc.Encode(m) // Encode ends with the final LF
	return b.Bytes()
}

// checksumBody is manifest.checksum: the MD5 of manifest.json as 32 lowercase hex
// digits (D) and LF (C: the two samples found were self-generated).
func checksumBody(manifestJSON []byte) []byte {
	sum := md5.Sum(manifestJSON)
	return []byte(hex.EncodeToString(sum[:]) + "\n")
}

// symlinkBody is hive/dt=…/symlink.txt: one s3://bucket/key line per data file, in
// manifest order, each ending in LF (U: a consumer strips s3://bucket/ and LF; D:
// Hive's SymlinkTextInputFormat; order C).
func symlinkBody(bucket string, keys []string) []byte {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString("s3://" + bucket + "/" + k + "\n")
	}
	return []byte(b.String())
}

// millis is the creationTimestamp spelling: decimal milliseconds since the epoch.
func millis(ms int64) string { return strconv.FormatInt(ms, 10) }
