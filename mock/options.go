package mock

import (
	"time"

	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/report"
)

// DefaultAccount is the account id of every caller the fake does not know by key, and
// the owner of buckets created without one. C: any 12-digit id would do; this is the
// one AWS's own documentation uses.
const DefaultAccount = identity.DefaultAccount

// DefaultRegion is the region of buckets created without a LocationConstraint.
const DefaultRegion = "us-east-1"

// DefaultMaxBodyBytes is the largest request body the fake reads. C: S3's own limit is
// unrecorded; a configuration with all 19 fields is about 2 KiB.
const DefaultMaxBodyBytes = 1 << 20

// DefaultMaxBuckets is how many buckets a server holds: S3's default quota of general
// purpose buckets per account (10,000 since 2024, S3 user guide "General purpose bucket
// quotas"). The fake applies it to the whole server, not per account (C): it bounds
// memory, which is the point here.
const DefaultMaxBuckets = 10000

// DefaultHosts are the base names for virtual-hosted addressing: a Host of the form
// {bucket}.{base} addresses the bucket. "{region}" matches any one DNS label.
// C: the list is ours; add names such as "s3.localhost.localstack.cloud" with WithHosts.
// The slice is the caller's own.
func DefaultHosts() []string {
	return []string{"s3.amazonaws.com", "s3.{region}.amazonaws.com", "localhost"}
}

// Option configures a Server. Options only set fields; construction cannot fail.
type Option func(*config)

type config struct {
	hosts      []string
	region     string
	clock      func() time.Time
	ownClock   bool // WithClock replaced time.Now: ServeHTTP reads it besides its own timer
	ids        RequestIDs
	journalCap int
	maxBody    int64
	tokenKey   []byte
	hook       Hook
	onRequest  func(Entry)
	capture    bool
	capBudget  int64
	maxBuckets int
	auth       identity.Mode
	directory  *identity.Directory
	// Deliveries (deliver.go).
	rowsPerFile   int
	deliverySeed  uint64
	maxDeliveries int
	// The inventory clock and the schedule (clock.go, options_schedule.go).
	simulated    bool
	simStart     time.Time
	deliveryAt   time.Duration
	deliveryLag  time.Duration
	initialDelay time.Duration
	deliveryHook DeliveryHook
}

func defaultConfig() config {
	return config{
		hosts:      DefaultHosts(),
		region:     DefaultRegion,
		clock:      time.Now,
		ids:        NewSeededRequestIDs(1),
		journalCap: DefaultJournalCapacity,
		maxBody:    DefaultMaxBodyBytes,
		capBudget:  DefaultCaptureBudget,
		maxBuckets: DefaultMaxBuckets,
		tokenKey:   []byte(DefaultTokenKey),
		auth:       identity.ModeOff,

		rowsPerFile:   report.DefaultRowsPerFile,
		deliverySeed:  DefaultDeliverySeed,
		maxDeliveries: DefaultMaxDeliveryRecords,
		deliveryAt:    DefaultDeliveryAt,
		deliveryLag:   DefaultDeliveryLag,
		initialDelay:  DefaultInitialDelay,
	}
}

// WithHosts replaces the virtual-hosted base names (default DefaultHosts()).
func WithHosts(bases ...string) Option { return func(c *config) { c.hosts = bases } }

// WithRegion sets the region of buckets created without a LocationConstraint
// (default DefaultRegion, us-east-1).
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// WithClock sets the wall clock: the time of Date headers, signature skew, presign
// expiry and the journal, and the inventory clock's while it is not simulated (see
// Clock) (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.clock, c.ownClock = now, true }
}

// WithRequestIDs sets the source of x-amz-request-id and x-amz-id-2
// (default NewSeededRequestIDs(1): the same ids in every run).
func WithRequestIDs(ids RequestIDs) Option { return func(c *config) { c.ids = ids } }

// WithJournalCapacity sets how many requests the journal keeps
// (default DefaultJournalCapacity).
func WithJournalCapacity(n int) Option { return func(c *config) { c.journalCap = n } }

// WithMaxBodyBytes sets the largest request body accepted; larger ones get 400
// MaxMessageLengthExceeded without being read (default DefaultMaxBodyBytes).
func WithMaxBodyBytes(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithTokenKey sets the key that signs continuation tokens (default DefaultTokenKey).
func WithTokenKey(key []byte) Option { return func(c *config) { c.tokenKey = key } }

// WithHook installs a hook, such as a scenario engine (default none).
func WithHook(h Hook) Option { return func(c *config) { c.hook = h } }

// WithOnRequest calls f with each journal entry as it is recorded, for request logs
// (default none). f runs on the request's goroutine and must be quick.
func WithOnRequest(f func(Entry)) Option { return func(c *config) { c.onRequest = f } }

// WithCapture keeps full exchanges (headers and bodies) in the journal (default off).
func WithCapture(on bool) Option { return func(c *config) { c.capture = on } }

// WithCaptureBudget sets how many bytes of request and response bodies the journal's
// captured exchanges keep in all (default DefaultCaptureBudget, 64 MiB). An exchange
// whose bodies do not fit keeps its headers and says how many body bytes it elided
// (Exchange.RequestBodyElided, ResponseBodyElided); entries dropped from the journal
// give their bytes back. 0 or less keeps no bodies.
func WithCaptureBudget(n int64) Option { return func(c *config) { c.capBudget = n } }

// WithMaxBuckets caps how many buckets the server holds (default DefaultMaxBuckets,
// 10,000): CreateBucket past it answers 400 TooManyBuckets, AddBucket returns that
// error, and LoadState refuses a state with more. n <= 0 means the default.
func WithMaxBuckets(n int) Option {
	return func(c *config) {
		if n <= 0 {
			n = DefaultMaxBuckets
		}
		c.maxBuckets = n
	}
}

// WithAuth sets the signature mode (default identity.ModeOff: signatures are not
// checked, and a known access key still selects its account and permissions).
func WithAuth(mode identity.Mode) Option { return func(c *config) { c.auth = mode } }

// WithDirectory sets the accounts and keys the server knows (default none: every
// caller is DefaultAccount). Build one with identity.NewDirectory. A state loaded
// later (LoadState, a seed file) replaces it with the state's accounts.
func WithDirectory(d *identity.Directory) Option { return func(c *config) { c.directory = d } }

// DefaultMaxDeliveryRecords is how many delivery records a server keeps; past it the
// oldest is dropped. C: a test or a day of a sidecar makes far fewer.
const DefaultMaxDeliveryRecords = 10_000

// DefaultDeliverySeed seeds the UUIDs of delivered data files (C): with the same seed
// and the same steps, every run writes the same keys.
const DefaultDeliverySeed uint64 = 1

// WithRowsPerFile starts a new data file of a delivered report every n rows (default
// report.DefaultRowsPerFile, 1,000,000; C: S3's threshold is unknown). n <= 0 means
// the default.
func WithRowsPerFile(n int) Option {
	return func(c *config) {
		if n <= 0 {
			n = report.DefaultRowsPerFile
		}
		c.rowsPerFile = n
	}
}

// WithDeliverySeed seeds the UUIDs in the keys of delivered data files (default
// DefaultDeliverySeed). Each delivery draws from the seed and its sequence number,
// so the same seed and the same steps give the same keys.
func WithDeliverySeed(seed uint64) Option { return func(c *config) { c.deliverySeed = seed } }

// WithMaxDeliveryRecords sets how many delivery records the server keeps, oldest
// dropped first (default DefaultMaxDeliveryRecords). n <= 0 means the default.
func WithMaxDeliveryRecords(n int) Option {
	return func(c *config) {
		if n <= 0 {
			n = DefaultMaxDeliveryRecords
		}
		c.maxDeliveries = n
	}
}
