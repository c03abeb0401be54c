package mocktest

import (
	"fmt"
	"net/http/httptest"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/object"
	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/scenarios"
)

// DefaultAccessKeyID and DefaultSecretAccessKey are the credentials a client of a
// Fake signs with when no Account option names others. The fake knows no key by
// default, so these act as mock.DefaultAccount with every permission.
const (
	DefaultAccessKeyID     = "AKIAS3INVMOCKTEST000"
	DefaultSecretAccessKey = "s3invmock-test-secret"
)

// Fake is a fake S3 running for one test: the *mock.Server itself (AddBucket,
// Configurations, Journal, State, Reset ...) and accessors for the rest.
type Fake struct {
	*mock.Server
	url                 string
	engine              *scenarios.Engine
	account             string
	accessKeyID, secret string
}

// URL is the base URL of the fake, such as http://127.0.0.1:41234.
func (f *Fake) URL() string { return f.url }

// Engine runs the fake's scenario; Replace, Clear and Reset change it mid-test.
func (f *Fake) Engine() *scenarios.Engine { return f.engine }

// Account is the account the Fake's credentials act as (see Account; default
// mock.DefaultAccount).
func (f *Fake) Account() string { return f.account }

// Credentials are the access key id and secret a client of the Fake signs with.
func (f *Fake) Credentials() (accessKeyID, secret string) { return f.accessKeyID, f.secret }

// TB is the part of testing.TB that Start uses. *testing.T, *testing.B, *testing.F
// and Ginkgo's GinkgoT() all satisfy it.
type TB interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// Option adjusts what Start starts; each is one line in a test.
type Option func(*settings)

type settings struct {
	mockOpts []mock.Option
	buckets  []bucketSeed
	objects  []bucketSeed // Objects, put after the buckets
	state    *mock.State
	scenario *scenarios.Scenario
	account  *identity.Account
	bundle   *replay.Bundle
}

type bucketSeed struct {
	name string
	docs []string
	objs []object.Mapping
}

// Bucket creates a bucket before the test starts, with the inventory configuration
// documents given (each as a client would PUT it). Default: no buckets.
func Bucket(name string, configurationXML ...string) Option {
	return func(s *settings) { s.buckets = append(s.buckets, bucketSeed{name: name, docs: configurationXML}) }
}

// Objects puts object versions into a bucket created by Bucket (or by Seed) before
// the test starts, as Server.PutObjects does: inventory field names, only Key
// required. Default: no objects.
//
//	mocktest.Bucket("src"), mocktest.Objects("src", object.Mapping{Key: new("a.txt")})
func Objects(bucket string, objs ...object.Mapping) Option {
	return func(s *settings) { s.objects = append(s.objects, bucketSeed{name: bucket, objs: objs}) }
}

// Seed loads a whole state (the seed/snapshot format of mock.ParseState) before the
// buckets of Bucket are added. Default: empty.
func Seed(st *mock.State) Option { return func(s *settings) { s.state = st } }

// Scenario puts sc in force from the first request. Default: none, every request
// reaches the fake S3.
func Scenario(sc *scenarios.Scenario) Option { return func(s *settings) { s.scenario = sc } }

// Account makes the Fake's credentials a key of account id (twelve digits), allowed
// the IAM actions given (none given: every S3 action). Buckets created by Bucket
// then belong to that account. Default: mock.DefaultAccount with every action.
func Account(id string, actions ...string) Option {
	return func(s *settings) {
		s.account = &identity.Account{ID: id, Keys: []identity.Key{{
			AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey, Actions: actions,
		}}}
	}
}

// Capture keeps full exchanges (headers and bodies) in the journal, for
// replay.Export. Default: off.
func Capture() Option { return With(mock.WithCapture(true)) }

// Replay loads a replay bundle: its seed is the starting state and its scenario is in
// force, so that a client repeating the recorded requests sees the recorded answers.
// It replaces Seed and Scenario.
func Replay(b *replay.Bundle) Option { return func(s *settings) { s.bundle = b } }

// With passes options to mock.New (WithRegion, WithClock, WithAuth ...).
func With(opts ...mock.Option) Option {
	return func(s *settings) { s.mockOpts = append(s.mockOpts, opts...) }
}

// Start serves a fake S3 on 127.0.0.1 for the rest of tb and returns it. A setup
// that cannot hold (an invalid bucket name, seed or scenario) fails tb at once.
// Cleanup closes the scenario engine, then the server (which waits for requests in
// flight).
func Start(tb TB, opts ...Option) *Fake {
	tb.Helper()
	var s settings
	for _, o := range opts {
		o(&s)
	}
	engine := scenarios.NewEngine()
	srv := mock.New(append(s.mockOpts, mock.WithHook(engine))...)
	f := &Fake{Server: srv, engine: engine, account: mock.DefaultAccount,
		accessKeyID: DefaultAccessKeyID, secret: DefaultSecretAccessKey}
	if err := s.apply(f); err != nil {
		engine.Close()
		tb.Fatalf("mocktest.Start: %v", err)
	}
	ts := httptest.NewServer(srv)
	f.url = ts.URL
	tb.Cleanup(func() {
		engine.Close()
		ts.Close()
	})
	return f
}

// apply loads the settings into a fresh fake, in the order state, accounts,
// buckets, scenario.
func (s *settings) apply(f *Fake) error {
	st, sc := s.state, s.scenario
	if s.bundle != nil {
		st, sc = s.bundle.Seed, s.bundle.Scenario
	}
	if st != nil {
		if err := f.LoadState(st); err != nil {
			return err
		}
	}
	if s.account != nil {
		dir, err := identity.NewDirectory([]identity.Account{*s.account})
		if err != nil {
			return err
		}
		f.SetDirectory(dir)
		f.account = s.account.ID
	}
	for _, b := range s.buckets {
		if err := f.AddBucket(b.name, mock.OwnedBy(f.account)); err != nil {
			return fmt.Errorf("Bucket(%q): %w", b.name, err)
		}
		for i, doc := range b.docs {
			if err := f.PutConfigurationXML(b.name, []byte(doc)); err != nil {
				return fmt.Errorf("Bucket(%q) configuration %d: %w", b.name, i+1, err)
			}
		}
	}
	for _, b := range s.objects {
		if err := f.PutObjects(b.name, b.objs...); err != nil {
			return fmt.Errorf("Objects(%q): %w", b.name, err)
		}
	}
	if sc != nil {
		return f.engine.Replace(sc)
	}
	return nil
}
