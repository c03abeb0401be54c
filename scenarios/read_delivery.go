package scenarios

import (
	"go.yaml.in/yaml/v3"
)

// deliveryMatch reads match.delivery: {bucket, id, format}.
func (rd *reader) deliveryMatch(n *yaml.Node, path string) *DeliveryMatch {
	d := &DeliveryMatch{}
	rd.fields(n, path, map[string]setter{
		"bucket": func(v *yaml.Node, p string) { d.Bucket = rd.str(v, p) },
		"id":     func(v *yaml.Node, p string) { d.ID = rd.str(v, p) },
		"format": func(v *yaml.Node, p string) { d.Format = rd.str(v, p) },
	})
	return d
}

// deliveryActions adds the keys of the delivery faults and of stale to an action's.
func (rd *reader) deliveryActions(set map[string]setter, a *Action) {
	f := &a.DeliveryFaults
	set["late"] = func(v *yaml.Node, p string) { f.Late = rd.duration(v, p) }
	set["split"] = func(v *yaml.Node, p string) {
		if f.Split = rd.integer(v, p); f.Split < 1 && v.Tag == "!!int" {
			rd.add(p, v.Line, "must be at least 1, got %d", f.Split)
		}
	}
	for _, x := range f.flags() {
		set[x.name] = func(v *yaml.Node, p string) { *x.on = rd.boolean(v, p) }
	}
	set["stale"] = func(v *yaml.Node, p string) {
		a.Stale = &Stale{}
		rd.fields(v, p, map[string]setter{
			"for":      func(v *yaml.Node, p string) { a.Stale.For = rd.duration(v, p) },
			"requests": func(v *yaml.Node, p string) { a.Stale.Requests = rd.integer(v, p) },
		})
	}
}

func (rd *reader) boolean(n *yaml.Node, path string) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		rd.add(path, n.Line, "must be true or false")
	}
	return b
}
