package scenarios

import "github.com/s3invmock/s3invmock/mock"

var _ mock.DeliveryHook = (*Engine)(nil)

// deliveryGlobs are a delivery rule's compiled globs (nil: no condition).
type deliveryGlobs struct{ bucket, id, format *glob }

func compileDelivery(d *DeliveryMatch) *deliveryGlobs {
	if d == nil {
		return nil
	}
	return &deliveryGlobs{bucket: optionalGlob(d.Bucket), id: optionalGlob(d.ID), format: optionalGlob(d.Format)}
}

func (g *deliveryGlobs) matches(p *mock.DeliveryPlan) bool {
	return globOK(g.bucket, p.Bucket) && globOK(g.id, p.ID) && globOK(g.format, p.Format)
}

// PlanDelivery implements mock.DeliveryHook: every rule with match.delivery is
// evaluated in order, as requests are (when counts the deliveries a rule matched,
// state and setState work alike), and each rule that fires adds its faults to the
// plan. Unsorted draws from the scenario's seed.
func (e *Engine) PlanDelivery(p *mock.DeliveryPlan) {
	e.mu.Lock()
	defer e.mu.Unlock()
	run := e.run.Load()
	if run == nil {
		return
	}
	arrived := run.state
	for _, c := range run.rules {
		if c.delivery == nil || !c.delivery.matches(p) {
			continue
		}
		c.matched++
		if !c.triggers(arrived, run.rng) {
			continue
		}
		c.fired++
		a := &c.rule.Action
		a.DeliveryFaults.apply(p, run.sc.Seed)
		if a.SetState != "" {
			run.state = a.SetState
		}
	}
}
