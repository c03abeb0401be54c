package mock

import (
	"net/http"
	"sync"
)

// ListPageSize is how many configurations one List page holds (documented).
const ListPageSize = 100

// listPage is one List answer before rendering.
type listPage struct {
	items     []storedConfiguration
	truncated bool
	next      string // NextContinuationToken, written only when truncated
	cut       bool   // stop the XML after the first configuration (a trap)
}

// listInventory is ListBucketInventoryConfigurations: pages of 100 in byte order of Id.
// An empty token lists from the start (recorded); a token this server did not issue for
// this bucket is MalformedContinuationToken.
func (s *Server) listInventory(w http.ResponseWriter, c *Call) {
	if e := s.bucketAndBody(c); e != nil {
		WriteError(w, c, e)
		return
	}
	after := ""
	if c.ContinuationToken != "" {
		var ok bool
		if after, ok = s.tokens.check(c.Bucket, c.ContinuationToken); !ok {
			WriteError(w, c, NewError(MalformedContinuationToken))
			return
		}
	}
	// The first page as every client first asks for it can be the bucket's kept one
	// (store_listpage.go); a scenario's page size, trap or stale read reshapes it.
	plain := !c.HasContinuationToken && c.PageSize == 0 && c.PageTrap == TrapNone && c.Stale == nil
	if plain {
		if body, ok := s.store.keptFirstPage(c.Bucket); ok {
			writeXML(w, body, "")
			return
		}
	}
	size := ListPageSize
	if c.PageSize > 0 {
		size = c.PageSize
	}
	page := pagePool.Get().(*[]storedConfiguration)
	defer func() {
		clear(*page) // let interned documents go
		*page = (*page)[:0]
		pagePool.Put(page)
	}()
	var (
		items            []storedConfiguration
		truncated, found bool
		stamp            pageStamp
	)
	if ch, stale := s.staleChange(c); stale {
		items, truncated, found = s.store.pageBefore((*page)[:0], c.Bucket, after, size, ch)
	} else {
		items, truncated, found, stamp = s.store.page((*page)[:0], c.Bucket, after, size)
	}
	*page = items
	if !found { // deleted since lookupBucket
		WriteError(w, c, NewError(NoSuchBucket, Member{Name: "BucketName", Value: c.Bucket}))
		return
	}
	p := listPage{items: items, truncated: truncated}
	if truncated {
		p.next = s.tokens.issue(c.Bucket, lastID(items))
	}
	if c.PageTrap != TrapNone {
		s.applyTrap(c, after, size, &p)
	}
	if plain {
		body := appendList(nil, c, p)
		s.store.keepFirstPage(c.Bucket, stamp, body)
		writeXML(w, body, "")
		return
	}
	writeList(w, c, p)
}

// pagePool holds the slices a List page is copied into under the store's lock.
var pagePool = sync.Pool{New: func() any { return new([]storedConfiguration) }}

func lastID(items []storedConfiguration) string {
	if len(items) == 0 {
		return ""
	}
	return items[len(items)-1].id
}

// applyTrap reshapes a page the way a scenario asked, to expose paginator bugs.
func (s *Server) applyTrap(c *Call, after string, size int, p *listPage) {
	first, _, _, _ := s.store.page(nil, c.Bucket, "", size)
	firstToken := s.tokens.issue(c.Bucket, lastID(first))
	p.truncated = true
	switch c.PageTrap {
	case TrapNoToken:
		p.next = ""
	case TrapSameToken:
		p.next = firstToken
	case TrapCycle:
		// From the start: token A (after page 1). After page 1: token B (after page 2).
		// Anywhere else: A again, so A, B, A, B, ...
		switch after {
		case "":
			p.next = firstToken
		case lastID(first):
			p.next = s.tokens.issue(c.Bucket, lastID(p.items))
		default:
			p.next = firstToken
		}
	case TrapRestart:
		p.next = s.tokens.issue(c.Bucket, "")
	case TrapCut:
		p.cut = true
	}
}
