package scenarios

import (
	"go.yaml.in/yaml/v3"

	"github.com/s3invmock/s3invmock/mock"
)

func (rd *reader) action(n *yaml.Node, path string, a *Action) {
	set := map[string]setter{
		"error":   func(v *yaml.Node, p string) { a.Error = rd.errorSpec(v, p) },
		"latency": func(v *yaml.Node, p string) { a.Latency = rd.latency(v, p) },
		"bandwidth": func(v *yaml.Node, p string) {
			b, err := ParseBandwidth(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				rd.add(p, v.Line, "must be a rate like 2KiB/s, 512B/s or 1MB/s")
			}
			a.Bandwidth = b
		},
		"respond":  func(v *yaml.Node, p string) { a.Respond = rd.respond(v, p) },
		"fault":    func(v *yaml.Node, p string) { a.Fault = rd.fault(v, p) },
		"setState": func(v *yaml.Node, p string) { a.SetState = rd.str(v, p) },
		"page": func(v *yaml.Node, p string) {
			a.Page = &Page{}
			rd.fields(v, p, map[string]setter{
				"size": func(v *yaml.Node, p string) { a.Page.Size = rd.integer(v, p) },
				"trap": func(v *yaml.Node, p string) { a.Page.Trap = mock.PageTrap(rd.str(v, p)) },
			})
		},
	}
	rd.deliveryActions(set, a)
	rd.fields(n, path, set)
}

// errorSpec reads `error: SlowDown` or `error: {code: ..., message: ..., status: ..., headers: ...}`.
func (rd *reader) errorSpec(n *yaml.Node, path string) *ErrorSpec {
	e := &ErrorSpec{}
	if n.Kind == yaml.ScalarNode {
		e.Code = mock.ErrorCode(rd.str(n, path))
		return e
	}
	rd.fields(n, path, map[string]setter{
		"code":    func(v *yaml.Node, p string) { e.Code = mock.ErrorCode(rd.str(v, p)) },
		"message": func(v *yaml.Node, p string) { e.Message = rd.str(v, p) },
		"status":  func(v *yaml.Node, p string) { e.Status = rd.integer(v, p) },
		"headers": func(v *yaml.Node, p string) { e.Headers = rd.stringMap(v, p) },
	})
	return e
}

// fault reads `fault: reset` or `fault: {kind: truncate, keep: 100}`.
func (rd *reader) fault(n *yaml.Node, path string) *Fault {
	f := &Fault{}
	if n.Kind == yaml.ScalarNode {
		f.Kind = FaultKind(rd.str(n, path))
		return f
	}
	rd.fields(n, path, map[string]setter{
		"kind": func(v *yaml.Node, p string) { f.Kind = FaultKind(rd.str(v, p)) },
		"keep": func(v *yaml.Node, p string) {
			keep := int64(rd.integer(v, p))
			f.Keep = &keep
		},
		"for": func(v *yaml.Node, p string) {
			d := rd.duration(v, p)
			f.For = &d
		},
	})
	return f
}

func (rd *reader) latency(n *yaml.Node, path string) *Latency {
	l := &Latency{}
	rd.fields(n, path, map[string]setter{
		"fixed": func(v *yaml.Node, p string) {
			d := rd.duration(v, p)
			l.Fixed = &d
		},
		"uniform": func(v *yaml.Node, p string) {
			l.Uniform = &Uniform{}
			rd.fields(v, p, map[string]setter{
				"min": func(v *yaml.Node, p string) { l.Uniform.Min = rd.duration(v, p) },
				"max": func(v *yaml.Node, p string) { l.Uniform.Max = rd.duration(v, p) },
			})
		},
		"lognormal": func(v *yaml.Node, p string) {
			l.LogNormal = &LogNormal{}
			rd.fields(v, p, map[string]setter{
				"median": func(v *yaml.Node, p string) { l.LogNormal.Median = rd.duration(v, p) },
				"sigma":  func(v *yaml.Node, p string) { l.LogNormal.Sigma = rd.float(v, p) },
			})
		},
	})
	return l
}

func (rd *reader) respond(n *yaml.Node, path string) *Respond {
	r := &Respond{}
	rd.fields(n, path, map[string]setter{
		"status":  func(v *yaml.Node, p string) { r.Status = rd.integer(v, p) },
		"headers": func(v *yaml.Node, p string) { r.Headers = rd.stringMap(v, p) },
		"body":    func(v *yaml.Node, p string) { r.Body = rd.str(v, p) },
	})
	return r
}
