// Package suggest finds the known names nearest to a name that was not known, for
// messages such as "unknown variable S3INVMOCK_SEEDS; did you mean S3INVMOCK_SEED?".
package suggest

import (
	"slices"
	"strings"
)

// maxNear is how many names Near returns at most: more would read as a list of all.
const maxNear = 3

// Near returns up to three known names close to name, nearest first (ties in the
// order of known): those within an edit distance (insert, delete, replace, or swap two
// neighbours; letter case ignored) of a third of name's length, at least 2, and those
// that contain name or that name contains (of 4 bytes or more). It returns nil when none is close.
func Near(name string, known []string) []string {
	if name == "" {
		return nil
	}
	limit := max(2, len(name)/3)
	type cand struct {
		name string
		d, i int
	}
	var cs []cand
	lower := strings.ToLower(name)
	for i, k := range known {
		kl := strings.ToLower(k)
		d := distance(lower, kl)
		within := min(len(lower), len(kl)) >= 4 && (strings.Contains(kl, lower) || strings.Contains(lower, kl))
		if d > limit && !within {
			continue
		}
		cs = append(cs, cand{k, d, i})
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for _, c := range cs[:min(len(cs), maxNear)] {
		out = append(out, c.name)
	}
	return out
}

// distance is the optimal string alignment distance of a and b, over bytes.
func distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
