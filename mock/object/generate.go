package object

import (
	"encoding/hex"
	"fmt"
	"iter"
	"math/rand/v2"
	"time"
)

// GenerateSpec asks for deterministic bulk objects, as a seed document's
// buckets[].generate: {count: N, prefix: "logs/", seed: 7, versions: 1}.
type GenerateSpec struct {
	// Count is the number of keys, 1 to MaxGenerateCount.
	Count int `json:"count" yaml:"count"`
	// Prefix starts every key; "" is allowed. At most MaxGeneratePrefix bytes.
	Prefix string `json:"prefix,omitempty" yaml:"prefix,omitempty"`
	// Seed selects the objects: the same spec gives the same objects, byte for byte.
	Seed uint64 `json:"seed,omitempty" yaml:"seed,omitempty"`
	// Versions is the number of versions per key: 0 or 1 give one null version per
	// key, as an unversioned bucket holds; 2 to MaxGenerateVersions give that many
	// versions with ids, exactly one of them latest.
	Versions int `json:"versions,omitempty" yaml:"versions,omitempty"`
}

// Bounds and shapes of generated objects (all C).
const (
	// MaxGenerateCount bounds GenerateSpec.Count.
	MaxGenerateCount = 10_000_000
	// MaxGenerateVersions bounds GenerateSpec.Versions.
	MaxGenerateVersions = 100
	// MaxGeneratePrefix bounds GenerateSpec.Prefix, leaving room in MaxKeyLength for
	// the index and the extension.
	MaxGeneratePrefix = MaxKeyLength - 16
	// MaxGeneratedSize bounds a generated object's Size (exclusive). The default
	// ETag is the MD5 of the filler, so generating costs the sum of the sizes; below
	// 4 KiB a million objects take about a second while sizes still span four orders
	// of magnitude (an exponent e in [0,12), then a size in [2^e - 1, 2^(e+1) - 1)).
	MaxGeneratedSize = 4096
	// GeneratedAge bounds how long before Defaults.LastModified a generated object
	// was last modified; dates fall on whole seconds, as in real reports (R: ".000").
	GeneratedAge = 365 * 24 * time.Hour
	// versionIDLength is the length of a generated VersionId, as S3's (R: 32).
	versionIDLength = 32
	// generateStream is the PCG stream of Generate: the seed picks the objects, this
	// constant ("S3invmoc") only keeps them apart from other seeded draws.
	generateStream = 0x5333696e766d6f63
)

// Validate reports every problem with g as FieldErrors, or nil.
func (g GenerateSpec) Validate() error {
	var errs FieldErrors
	if g.Count < 1 || g.Count > MaxGenerateCount {
		errs = append(errs, FieldError{"count", fmt.Sprintf("must be 1 to %d, got %d", MaxGenerateCount, g.Count)})
	}
	if g.Versions < 0 || g.Versions > MaxGenerateVersions {
		errs = append(errs, FieldError{"versions", fmt.Sprintf("must be 0 to %d, got %d", MaxGenerateVersions, g.Versions)})
	}
	if len(g.Prefix) > MaxGeneratePrefix {
		errs = append(errs, FieldError{"prefix", fmt.Sprintf("must be at most %d bytes, got %d", MaxGeneratePrefix, len(g.Prefix))})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Generate returns the versions g describes, in report order (see Compare), owned by
// d.Owner with the default ACL and dated up to GeneratedAge before d.LastModified.
// Nothing is built before the sequence is ranged over, so a caller can pack ten
// million objects without holding them twice. Keys are Prefix, an 8-digit index and
// an extension; sizes, dates, storage classes and encryption vary.
func Generate(g GenerateSpec, d Defaults) (iter.Seq[Version], error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if d.Owner == "" || d.LastModified.IsZero() {
		return nil, fmt.Errorf("object: generate needs Defaults.Owner and Defaults.LastModified")
	}
	versions := max(g.Versions, 1)
	acl := DefaultACL(d.Owner)
	base := d.LastModified.UTC().Truncate(time.Second)
	return func(yield func(Version) bool) {
		rng := rand.New(rand.NewPCG(g.Seed, generateStream))
		ids := make([]string, versions)
		for i := range g.Count {
			key := g.Prefix + fmt.Sprintf("%08d", i) + extension(rng.Uint64())
			latest := int(rng.Uint64() % uint64(versions))
			for j := range ids {
				ids[j] = ""
				if versions > 1 {
					ids[j] = versionID(rng)
				}
			}
			sortStrings(ids)
			newest := base.Add(-time.Duration(rng.Uint64()%uint64(GeneratedAge/time.Second)) * time.Second)
			for j, id := range ids {
				v := generated(rng, key, id, acl, d.Owner)
				v.IsLatest = j == latest
				v.LastModifiedDate = newest
				if !v.IsLatest {
					v.LastModifiedDate = newest.Add(-time.Duration(1+rng.Uint64()%86400) * time.Second)
				}
				if !yield(v) {
					return
				}
			}
		}
	}, nil
}

// generated draws one version's size, storage class and encryption.
func generated(rng *rand.Rand, key, id, acl, owner string) Version {
	v := Version{Key: key, VersionID: id, ObjectOwner: owner, ObjectAccessControlList: acl,
		EncryptionStatus: EncryptionSSES3, BucketKeyStatus: BucketKeyDisabled}
	e := rng.Uint64() % 12
	v.Size = int64(1<<e) - 1 + int64(rng.Uint64()%(1<<e))
	switch c := rng.Uint64() % 20; {
	case c < 14:
		v.StorageClass = StorageClassStandard
	case c < 16:
		v.StorageClass = "STANDARD_IA"
	case c < 17:
		v.StorageClass = "GLACIER"
	case c < 18:
		v.StorageClass = "GLACIER_IR"
	default:
		v.StorageClass, v.IntelligentTieringAccessTier = StorageClassIntelligentTiering, TierFrequent
		if c == 19 {
			v.IntelligentTieringAccessTier = "INFREQUENT"
		}
	}
	if rng.Uint64()%10 == 0 {
		v.EncryptionStatus, v.BucketKeyStatus = EncryptionSSEKMS, BucketKeyEnabled
	}
	sum := NewFiller(key, v.Size).MD5()
	v.ETag = hex.EncodeToString(sum[:])
	return v
}

// extension picks a file-name extension so that keys look like a log bucket's.
func extension(r uint64) string {
	exts := [...]string{".log", ".json", ".csv.gz", ".parquet", ".txt", ".bin"}
	return exts[r%uint64(len(exts))]
}

// versionID draws an S3-looking version id: 32 characters of [0-9A-Za-z._].
func versionID(rng *rand.Rand) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._"
	b := make([]byte, versionIDLength)
	for i := range b {
		b[i] = alphabet[rng.Uint64()%uint64(len(alphabet))]
	}
	return string(b)
}

// sortStrings sorts a short slice in byte order (insertion sort: at most
// MaxGenerateVersions elements, no allocation).
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
