package mock

// Counts is how much a Server holds, as the sidecar reports it after loading a seed,
// a snapshot or a replay bundle.
type Counts struct {
	Buckets        int `json:"buckets"`
	Configurations int `json:"configurations"`
	// Objects counts object versions, delete markers included.
	Objects int `json:"objects"`
}

// Counts counts the buckets, configurations and object versions at one instant,
// without copying any of them (a State of a million objects would).
func (s *Server) Counts() Counts {
	st := s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	c := Counts{Buckets: len(st.buckets)}
	for _, b := range st.buckets {
		c.Configurations += len(b.configs)
		c.Objects += len(b.objects)
	}
	return c
}
