package scenarios

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// Bandwidth is a response body rate in bytes per second, written like "2KiB/s".
// Zero means unlimited.
type Bandwidth int64

// Binary (KiB, MiB, GiB) and decimal (kB, KB, MB, GB) units, per second.
var bandwidthUnits = []struct {
	suffix string
	factor int64
}{
	{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10},
	{"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3}, {"KB", 1e3}, {"B", 1},
}

// ParseBandwidth reads a rate like "2KiB/s", "512B/s" or "1.5MB/s".
func ParseBandwidth(s string) (Bandwidth, error) {
	num, ok := strings.CutSuffix(strings.TrimSpace(s), "/s")
	if ok {
		for _, u := range bandwidthUnits {
			if v, found := strings.CutSuffix(num, u.suffix); found {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || math.IsNaN(f) || f <= 0 || f*float64(u.factor) < 1 {
					break
				}
				return saturateBandwidth(f * float64(u.factor)), nil
			}
		}
	}
	return 0, fmt.Errorf("%q is not a rate like 2KiB/s, 512B/s or 1MB/s (at least 1B/s)", s)
}

// saturateBandwidth converts a rate to Bandwidth, capping it at the largest int64:
// converting a float beyond it (1e30GiB/s) is undefined in Go and gave a negative rate
// on amd64.
func saturateBandwidth(f float64) Bandwidth {
	if f >= math.MaxInt64 || math.IsInf(f, 1) {
		return math.MaxInt64
	}
	return Bandwidth(f)
}

// String writes the rate in the largest binary unit that divides it.
func (b Bandwidth) String() string {
	for _, u := range bandwidthUnits[:3] {
		if int64(b) >= u.factor && int64(b)%u.factor == 0 {
			return strconv.FormatInt(int64(b)/u.factor, 10) + u.suffix + "/s"
		}
	}
	return strconv.FormatInt(int64(b), 10) + "B/s"
}

// MarshalJSON writes the rate as a string.
func (b Bandwidth) MarshalJSON() ([]byte, error) { return json.Marshal(b.String()) }

// Traps lists every List pagination trap a rule can set; the slice is the caller's own.
func Traps() []mock.PageTrap {
	return []mock.PageTrap{mock.TrapNoToken, mock.TrapSameToken, mock.TrapCycle, mock.TrapRestart, mock.TrapCut}
}
