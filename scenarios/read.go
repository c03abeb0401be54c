package scenarios

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock"
)

// reader walks a YAML node tree (JSON included) into a Scenario, refusing unknown keys
// and values of the wrong shape, and records the line of every field it sees. The tree
// comes from yamldoc.Read: it holds no alias and no key twice, so the walk is one pass
// over the text.
type reader struct {
	problems
	lines map[string]int
}

type setter func(v *yaml.Node, path string)

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fields reads a mapping whose keys must be among those in set.
func (rd *reader) fields(n *yaml.Node, path string, set map[string]setter) {
	if n.Kind != yaml.MappingNode {
		rd.add(path, n.Line, "must be a mapping")
		return
	}
	if _, seen := rd.lines[path]; !seen {
		rd.lines[path] = n.Line
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := join(path, k.Value)
		f, ok := set[k.Value]
		if !ok {
			known := slices.Sorted(maps.Keys(set))
			rd.add(p, k.Line, "unknown key %q; known keys: %s", k.Value, strings.Join(known, ", "))
			continue
		}
		rd.lines[p] = k.Line
		f(v, p)
	}
}

func (rd *reader) str(n *yaml.Node, path string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		rd.add(path, n.Line, "must be a string")
		return ""
	}
	return n.Value
}

func (rd *reader) integer(n *yaml.Node, path string) int {
	i, err := strconv.ParseInt(n.Value, 0, 64)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || i > math.MaxInt32 || i < math.MinInt32 {
		rd.add(path, n.Line, "must be a whole number")
		return 0
	}
	return int(i)
}

func (rd *reader) float(n *yaml.Node, path string) float64 {
	var f float64
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
		rd.add(path, n.Line, "must be a number")
	}
	return f
}

func (rd *reader) duration(n *yaml.Node, path string) Duration {
	d, err := ParseDuration(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		rd.add(path, n.Line, "must be a Go duration like 300ms or 2s")
	}
	return d
}

func (rd *reader) stringMap(n *yaml.Node, path string) map[string]string {
	if n.Kind != yaml.MappingNode {
		rd.add(path, n.Line, "must be a mapping of names to strings")
		return nil
	}
	m := make(map[string]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := join(path, k.Value)
		rd.lines[p] = k.Line
		m[rd.str(k, p)] = rd.str(v, p)
	}
	return m
}

func (rd *reader) scenario(n *yaml.Node) *Scenario {
	sc := &Scenario{Rules: []Rule{}}
	rd.lines[""] = n.Line
	rd.fields(n, "", map[string]setter{
		"seed": func(v *yaml.Node, p string) {
			s, err := strconv.ParseUint(v.Value, 0, 64)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil {
				rd.add(p, v.Line, "must be a whole number from 0 to 2^64-1")
			}
			sc.Seed = s
		},
		"rules": func(v *yaml.Node, p string) {
			if v.Tag == "!!null" {
				return // no rules, like []
			}
			if v.Kind != yaml.SequenceNode {
				rd.add(p, v.Line, "must be a list of rules")
				return
			}
			for i, item := range v.Content {
				ip := p + "[" + strconv.Itoa(i) + "]"
				rd.lines[ip] = item.Line
				sc.Rules = append(sc.Rules, rd.rule(item, ip))
			}
		},
	})
	return sc
}

func (rd *reader) rule(n *yaml.Node, path string) Rule {
	var r Rule
	rd.fields(n, path, map[string]setter{
		"name":   func(v *yaml.Node, p string) { r.Name = rd.str(v, p) },
		"match":  func(v *yaml.Node, p string) { rd.match(v, p, &r.Match) },
		"when":   func(v *yaml.Node, p string) { rd.when(v, p, &r.When) },
		"action": func(v *yaml.Node, p string) { rd.action(v, p, &r.Action) },
	})
	return r
}

func (rd *reader) match(n *yaml.Node, path string, m *Match) {
	rd.fields(n, path, map[string]setter{
		"operation": func(v *yaml.Node, p string) {
			if v.Kind != yaml.SequenceNode {
				m.Operation = Operations{mock.Operation(rd.str(v, p))}
				return
			}
			for i, item := range v.Content {
				ip := p + "[" + strconv.Itoa(i) + "]"
				rd.lines[ip] = item.Line
				m.Operation = append(m.Operation, mock.Operation(rd.str(item, ip)))
			}
		},
		"bucket":    func(v *yaml.Node, p string) { m.Bucket = rd.str(v, p) },
		"key":       func(v *yaml.Node, p string) { m.Key = rd.str(v, p) },
		"id":        func(v *yaml.Node, p string) { m.ID = rd.str(v, p) },
		"method":    func(v *yaml.Node, p string) { m.Method = rd.str(v, p) },
		"accessKey": func(v *yaml.Node, p string) { m.AccessKey = rd.str(v, p) },
		"account":   func(v *yaml.Node, p string) { m.Account = rd.str(v, p) },
		"headers":   func(v *yaml.Node, p string) { m.Headers = rd.stringMap(v, p) },
		"delivery":  func(v *yaml.Node, p string) { m.Delivery = rd.deliveryMatch(v, p) },
	})
}

func (rd *reader) when(n *yaml.Node, path string, w *When) {
	rd.fields(n, path, map[string]setter{
		"after": func(v *yaml.Node, p string) { w.After = rd.integer(v, p) },
		"times": func(v *yaml.Node, p string) { w.Times = rd.integer(v, p) },
		"every": func(v *yaml.Node, p string) { w.Every = rd.integer(v, p) },
		"probability": func(v *yaml.Node, p string) {
			f := rd.float(v, p)
			w.Probability = &f
		},
		"state": func(v *yaml.Node, p string) { w.State = rd.str(v, p) },
	})
}
