package report

import (
	"encoding/hex"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"
)

// Layout names of a delivery (D, user guide; R for the hive folder).
const (
	// TimestampFolderLayout is {T}, the folder of manifest.json: YYYY-MM-DDTHH-MMZ.
	TimestampFolderLayout = "2006-01-02T15-04Z"
	// HiveDateLayout is {H} in hive/dt={H}/: YYYY-MM-DD-HH-MM of the same minute (I).
	HiveDateLayout = "2006-01-02-15-04"
	ManifestName   = "manifest.json"
	ChecksumName   = "manifest.checksum"
	SymlinkName    = "symlink.txt"
)

// layout holds the keys of one delivery:
//
//	{P}{source}/{configId}/{T}/manifest.json
//	{P}{source}/{configId}/{T}/manifest.checksum
//	{P}{source}/{configId}/hive/dt={H}/symlink.txt
//	{P}{source}/{configId}/data/{uuid}.csv.gz | .parquet | .orc
//
// P is the destination Prefix followed by "/" (R: keys of a real report start with
// the source name when no Prefix is set), with no second "/" when the Prefix
// already ends in one (C).
type layout struct {
	base, manifest, checksum, symlink string
	uuids                             *rand.Rand
}

func newLayout(s *Spec, scan time.Time) layout {
	p := s.DestinationPrefix
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	base := p + s.SourceBucket + "/" + s.ConfigurationID + "/"
	t := scan.Format(TimestampFolderLayout)
	h := fnv.New64a()
	h.Write([]byte(s.SourceBucket + "\x00" + s.ConfigurationID + "\x00" + t))
	return layout{
		base:     base,
		manifest: base + t + "/" + ManifestName,
		checksum: base + t + "/" + ChecksumName,
		symlink:  base + "hive/dt=" + scan.Format(HiveDateLayout) + "/" + SymlinkName,
		uuids:    rand.New(rand.NewPCG(s.UUIDSeed, h.Sum64())),
	}
}

// dataKey draws the next data file's key: a lowercase UUID v4 (D: the user guide's
// examples) from the delivery's seeded source (C).
func (l *layout) dataKey(ext string) string {
	var u [16]byte
	for i := 0; i < len(u); i += 8 {
		x := l.uuids.Uint64()
		for j := range 8 {
			u[i+j] = byte(x >> (8 * j))
		}
	}
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(u[:])
	return l.base + "data/" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:] + ext
}

// timeOf is the UTC time of ms milliseconds since the epoch.
func timeOf(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
