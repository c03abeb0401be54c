package mock

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/inventory"
	"github.com/s3invmock/s3invmock/mock/object"
)

// compileState checks every item of st as the requests that would create it are
// checked, and builds the store's buckets. It touches nothing of the server's state.
func (s *Server) compileState(st *State) (map[string]*bucketState, []StateProblem) {
	var problems []StateProblem
	buckets := make(map[string]*bucketState, len(st.Buckets))
	now := s.loadNow(st)
	dec := newSeedDecoder()
	pk := &object.Packer{}
	for i := range st.Buckets {
		bs := &st.Buckets[i]
		path := fmt.Sprintf("buckets[%d]", i)
		b, ps := s.compileBucket(bs, path, now, dec)
		if b != nil {
			var objs []object.Stored
			objs, ps = compileObjects(bs, path, object.Defaults{Owner: CanonicalUserID(b.Owner), LastModified: now}, pk, ps)
			b.objects = objs
		}
		problems = append(problems, ps...)
		if b == nil {
			continue
		}
		if _, dup := buckets[b.Name]; dup {
			problems = append(problems, StateProblem{Line: bs.line, Path: path, Bucket: b.Name,
				Message: "bucket is listed twice"})
			continue
		}
		buckets[b.Name] = b
	}
	if len(buckets) > s.cfg.maxBuckets {
		// The first bucket past the cap names the place, as CreateBucket would refuse it.
		i := s.cfg.maxBuckets
		problems = append(problems, StateProblem{Line: st.Buckets[i].line, Path: fmt.Sprintf("buckets[%d]", i),
			Bucket: st.Buckets[i].Name, Code: TooManyBuckets,
			Message: fmt.Sprintf("%s: the state has %d buckets, the server holds at most %d", NewError(TooManyBuckets).Message, len(buckets), s.cfg.maxBuckets)})
	}
	problems = append(problems, checkAccounts(st)...)
	return buckets, problems
}

// compileBucket checks one bucket and its documents; it returns nil when the bucket
// itself is unusable.
func (s *Server) compileBucket(bs *BucketState, path string, now time.Time, dec *seedDecoder) (*bucketState, []StateProblem) {
	var problems []StateProblem
	bad := func(code ErrorCode, format string, args ...any) {
		p := problemAt(bs.line, path, format, args...)
		p.Bucket, p.Code = bs.Name, code
		problems = append(problems, p)
	}
	if !ValidBucketName(bs.Name) {
		bad(InvalidBucketName, "%s (%q)", NewError(InvalidBucketName).Message, bs.Name)
		return nil, problems
	}
	b := Bucket{Name: bs.Name, Owner: bs.Owner, Region: bs.Region, Created: bs.Created}
	if b.Owner == "" {
		b.Owner = DefaultAccount
	} else if !identity.IsAccountID(b.Owner) {
		bad("", "owner %q is not a twelve-digit account id", b.Owner)
	}
	if b.Region == "" {
		b.Region = s.cfg.region
	} else if !looksLikeRegion(b.Region) {
		bad("", "region %q is not a region name such as eu-west-1", b.Region)
	}
	if b.Created.IsZero() {
		b.Created = now
	}
	state := newBucketState(b, min(len(bs.Inventory), MaxConfigurationsPerBucket))
	seen := make(map[string]bool, len(bs.Inventory))
	for j, doc := range bs.Inventory {
		cfg, e := dec.decode(doc)
		if e == nil && !seen[cfg.ID] && len(state.configs) < MaxConfigurationsPerBucket {
			seen[cfg.ID] = true
			state.configs = append(state.configs, newStoredConfiguration(cfg))
			// Keyed by the stored Id, which lives in the rendered <Id> element: cfg.ID may be
			// a substring of the whole document, which the key would keep alive.
			stored := state.configs[len(state.configs)-1]
			state.record(stored.id, scheduleVersion{at: now, config: stored})
			continue
		}
		p := StateProblem{Path: fmt.Sprintf("%s.inventory[%d]", path, j), Bucket: bs.Name, Line: bs.line}
		if j < len(bs.docLines) {
			p.Line = bs.docLines[j]
		}
		switch {
		case e != nil:
			p.ID, p.Code, p.Message = guessID(doc), e.Code, e.Message
		case seen[cfg.ID]:
			p.ID, p.Message = cfg.ID, "configuration Id is listed twice in this bucket"
		case len(state.configs) >= MaxConfigurationsPerBucket:
			p.ID, p.Code, p.Message = cfg.ID, TooManyConfigurations, TooManyConfigurationsMessage
		}
		problems = append(problems, p)
	}
	slices.SortFunc(state.configs, func(a, b storedConfiguration) int { return strings.Compare(a.id, b.id) })
	return state, problems
}

// decodeSeedDocument checks a seed document as a PUT with ?id equal to its own Id
// would be checked: schema, then the destination ARN. A schema refusal is S3's
// MalformedXML with the reason after S3's message (which element, what is wrong): a
// person reads a seed problem, and S3's own answer would not say.
func decodeSeedDocument(doc []byte) (*inventory.Configuration, *Error) {
	cfg, err := inventory.Parse(doc)
	if err != nil {
		e := NewError(MalformedXML)
		return nil, e.WithMessage(e.Message + ": " + err.Error())
	}
	if e := inventory.Check(cfg, cfg.ID); e != nil {
		return nil, e
	}
	return cfg, nil
}

var idElement = regexp.MustCompile(`<Id>([^<]{1,64})</Id>`)

// guessID names the configuration of a document that did not parse, when it has an Id.
func guessID(doc string) string {
	if m := idElement.FindStringSubmatch(doc); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// checkAccounts refuses what identity.NewDirectory refuses, at the line of the
// account it names (accounts[i]), else at the accounts list.
func checkAccounts(st *State) []StateProblem {
	if len(st.Accounts) == 0 {
		return nil
	}
	_, err := identity.NewDirectory(st.Accounts)
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "identity: ")
	line, path := st.accountsLine, "accounts"
	var i int
	if _, scanErr := fmt.Sscanf(msg, "accounts[%d]", &i); scanErr == nil && i >= 0 && i < len(st.Accounts) {
		path = fmt.Sprintf("accounts[%d]", i)
		if i < len(st.accountLines) {
			line = st.accountLines[i]
		}
		if rest, ok := strings.CutPrefix(msg, path); ok {
			msg = strings.TrimPrefix(strings.TrimSpace(rest), ": ")
		}
	}
	return []StateProblem{problemAt(line, path, "%s", msg)}
}

// compileObjects builds a bucket's objects from its generate spec and its objects
// list (an item replaces a generated version of the same key and id), in report
// order, adding every problem to problems with its line and field.
func compileObjects(bs *BucketState, path string, d object.Defaults, pk *object.Packer, problems []StateProblem) ([]object.Stored, []StateProblem) {
	var generated []object.Stored
	if g := bs.Generate; g != nil {
		seq, err := object.Generate(*g, d)
		var fes object.FieldErrors
		switch {
		case errors.As(err, &fes):
			for _, fe := range fes {
				problems = append(problems, problemAt(bs.generateLine, path+".generate."+fe.Field, "%s", fe.Problem))
			}
		case err != nil:
			problems = append(problems, problemAt(bs.generateLine, path+".generate", "%v", err))
		default:
			generated = make([]object.Stored, 0, g.Count*max(g.Versions, 1))
			for v := range seq {
				st, err := pk.Pack(v)
				if err != nil {
					problems = append(problems, problemAt(bs.generateLine, path+".generate", "%v", err))
					break
				}
				generated = append(generated, st)
			}
		}
	}
	listed, ps := resolveObjects(bs.Objects, path+".objects", d, pk)
	problems = append(problems, ps...)
	if len(listed) == 0 {
		return generated, problems // Generate yields report order
	}
	return mergeObjects(generated, sortedVersions(listed)), problems
}
