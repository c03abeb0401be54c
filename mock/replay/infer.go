package replay

import (
	"bytes"
	"encoding/xml"
	"slices"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// InferSeed guesses the state before the first entry from the recorded answers, for a
// journal whose starting state is unknown (a recording against another endpoint). A
// bucket is in the seed when its first telling answer says it existed (a 2xx other
// than CreateBucket, NoSuchConfiguration, BucketAlreadyOwnedByYou); a configuration
// when a Get answered it, or the first page of a List listed it, before any Put or
// Delete of that bucket's configurations. Answers that tell nothing (throttling, a
// refused signature) are skipped, and documents the fake would refuse are left out.
func InferSeed(entries []mock.Entry) *mock.State {
	g := &guess{known: map[string]bool{}, docs: map[string]map[string]string{}, changed: map[string]bool{}}
	for _, e := range entries {
		g.see(e)
	}
	st := &mock.State{Buckets: []mock.BucketState{}}
	for _, name := range g.order {
		if !g.known[name] {
			continue
		}
		b := mock.BucketState{Name: name, Inventory: []string{}}
		ids := make([]string, 0, len(g.docs[name]))
		for id := range g.docs[name] {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			b.Inventory = append(b.Inventory, g.docs[name][id])
		}
		st.Buckets = append(st.Buckets, b)
	}
	return st
}

type guess struct {
	order   []string                     // buckets in order of first sight
	known   map[string]bool              // decided: existed (true) or not (false)
	docs    map[string]map[string]string // bucket -> id -> document
	changed map[string]bool              // a Put or Delete of configurations was seen
}

func (g *guess) see(e mock.Entry) {
	if e.Bucket == "" || e.Exchange == nil {
		return
	}
	b := e.Bucket
	if _, seen := g.known[b]; !seen {
		if existed, tells := bucketTold(e); tells {
			g.known[b] = existed
			g.order = append(g.order, b)
		}
	}
	if !g.known[b] || g.changed[b] {
		return
	}
	switch e.Operation {
	case mock.PutBucketInventoryConfiguration, mock.DeleteBucketInventoryConfiguration:
		g.changed[b] = true
	case mock.GetBucketInventoryConfiguration:
		if e.Status == 200 {
			g.keep(b, e.ID, e.Exchange.ResponseBody)
		}
	case mock.ListBucketInventoryConfigurations:
		if e.Status == 200 && !bytes.Contains([]byte(e.Exchange.URL), []byte("continuation-token")) {
			for _, doc := range listed(e.Exchange.ResponseBody) {
				g.keep(b, "", doc)
			}
		}
	}
}

// bucketTold reports whether an answer tells that the bucket existed before it.
func bucketTold(e mock.Entry) (existed, tells bool) {
	switch {
	case e.ErrorCode == mock.NoSuchBucket:
		return false, true
	case e.Operation == mock.CreateBucket && e.Status == 200:
		return false, true
	case e.Status >= 200 && e.Status < 300,
		e.ErrorCode == mock.NoSuchConfiguration, e.ErrorCode == mock.BucketAlreadyOwnedByYou:
		return true, true
	}
	return false, false
}

// keep adds a document the fake accepts, under its own Id, unless one is known.
func (g *guess) keep(bucket, id string, doc []byte) {
	doc = bytes.TrimPrefix(doc, []byte(`<?xml version="1.0" encoding="UTF-8"?>`))
	if id == "" {
		var named struct {
			ID string `xml:"Id"`
		}
		_ = xml.Unmarshal(doc, &named)
		id = named.ID
	}
	cfg, err := inventory.Decode(doc, id)
	if err != nil {
		return
	}
	if g.docs[bucket] == nil {
		g.docs[bucket] = map[string]string{}
	}
	if _, ok := g.docs[bucket][cfg.ID]; !ok {
		g.docs[bucket][cfg.ID] = string(doc)
	}
}

// listed cuts the configurations out of a List answer, each as its own document.
func listed(body []byte) [][]byte {
	var page struct {
		Configs []struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"InventoryConfiguration"`
	}
	if xml.Unmarshal(body, &page) != nil {
		return nil
	}
	out := make([][]byte, 0, len(page.Configs))
	for _, c := range page.Configs {
		doc := append([]byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`), c.Inner...)
		out = append(out, append(doc, "</InventoryConfiguration>"...))
	}
	return out
}
