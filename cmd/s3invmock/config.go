package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/suggest"
)

// Config is every setting of the sidecar once flags and environment are read.
type Config struct {
	// Command is serve (the default), validate, healthcheck or version.
	Command string
	// Files are validate's arguments.
	Files []string

	Addr       string   // listen address
	Seed       string   // seed file loaded at start; "" for none
	State      string   // snapshot file; "" for none
	Scenario   string   // scenario file in force from the start; "" for none
	AdminToken string   // bearer token for /_mock/ (health exempt); "" for none
	Region     string   // region of buckets created without a LocationConstraint
	Hosts      []string // virtual-hosted base names (default mock.DefaultHosts())
	Log        string   // request log format: text or json
	Auth       identity.Mode
	Capture    bool   // keep full exchanges in the journal
	Upstream   string // record: the S3 endpoint requests are forwarded to
	Replay     string // replay bundle loaded at start, after seed and scenario; "" for none

	CaptureBudget int64 // bytes of bodies the captured exchanges keep in all
	MaxBuckets    int   // buckets the fake holds at most
	RowsPerFile   int   // rows of one data file of a delivered inventory report
	// The inventory clock and schedule (clocksettings.go): Clock is the simulated
	// start, zero for the wall clock.
	Clock        time.Time
	DeliveryAt   time.Duration
	DeliveryLag  time.Duration
	InitialDelay time.Duration
	// WriteTimeout is how long one write of an answer may take before the
	// connection is cut; each write gets it anew.
	WriteTimeout time.Duration
	// RecordMaxBody is, for record, the largest request body kept in the journal.
	RecordMaxBody int64
}

// Commands are the subcommands; the first is the default.
var Commands = []string{"serve", "validate", "healthcheck", "version", "record"}

// setting is one row of the configuration table: an environment variable, its flag
// twin, its default and how a value is checked and stored.
type setting struct {
	env, flag, def, usage string
	apply                 func(c *Config, v string) error
}

// settings is the configuration table of the issue; Usage prints it.
var settings = []setting{
	{"S3INVMOCK_ADDR", "addr", "127.0.0.1:9090", "listen address (host:port; port 0 picks a free port)", setAddr},
	{"S3INVMOCK_SEED", "seed", "", "YAML or JSON file of buckets and configurations loaded at start", func(c *Config, v string) error { c.Seed = v; return nil }},
	{"S3INVMOCK_STATE", "state", "", "snapshot file: loaded at start when it exists, written on SIGTERM/SIGINT and POST /_mock/state/snapshot", func(c *Config, v string) error { c.State = v; return nil }},
	{"S3INVMOCK_SCENARIO", "scenario", "", "scenario file in force from the start", func(c *Config, v string) error { c.Scenario = v; return nil }},
	{"S3INVMOCK_ADMIN_TOKEN", "admin-token", "", "when set, /_mock/ paths but health need Authorization: Bearer TOKEN", setAdminToken},
	{"S3INVMOCK_REGION", "region", "us-east-1", "region of buckets created without a LocationConstraint", setRegion},
	{"S3INVMOCK_HOSTS", "hosts", strings.Join(mock.DefaultHosts(), ","), "comma-separated base names for virtual-hosted addressing ({region} stands for any region)", setHosts},
	{"S3INVMOCK_LOG", "log", "text", "request log on stderr: text or json", setLog},
	{"S3INVMOCK_AUTH", "auth", "off", "signature checks: off or verify", setAuth},
	{"S3INVMOCK_CAPTURE", "capture", "false", "keep full requests and answers in the journal", setCapture},
	{"S3INVMOCK_CAPTURE_BUDGET", "capture-budget", "64MiB", "bytes of request and response bodies the captured journal keeps in all; past it bodies are elided and the entry says so", setCaptureBudget},
	{"S3INVMOCK_REPLAY", "replay", "", "replay bundle (YAML or JSON) loaded at start: its seed and scenario replace -seed and -scenario", func(c *Config, v string) error { c.Replay = v; return nil }},
	{"S3INVMOCK_WRITE_TIMEOUT", "write-timeout", "20s", "a write of an answer that makes no progress for this long (a Go duration) cuts the connection", setWriteTimeout},
	{"S3INVMOCK_UPSTREAM", "upstream", "", "record: the S3 endpoint (http or https URL) every request is forwarded to", setUpstream},
	{"S3INVMOCK_MAX_BUCKETS", "max-buckets", "10000", "buckets the fake holds at most (S3's default quota); CreateBucket past it answers TooManyBuckets", setMaxBuckets},
	{"S3INVMOCK_ROWS_PER_FILE", "rows-per-file", "1000000", "rows of one data file of a delivered inventory report; past it the report is split (S3's threshold is unknown)", setRowsPerFile},
	{"S3INVMOCK_CLOCK", "clock", "", "inventory clock start (RFC 3339): simulated, standing still until POST /_mock/clock steps it and runs the schedule; unset, the wall clock and no scheduled deliveries", setClock},
	{"S3INVMOCK_DELIVERY_AT", "delivery-at", "01:00", "time of day (HH:MM, UTC) of scheduled inventory scans", setDeliveryAt},
	{"S3INVMOCK_DELIVERY_LAG", "delivery-lag", "0s", "how long after its scan (a Go duration) a report's objects land", setDeliveryLag},
	{"S3INVMOCK_INITIAL_DELAY", "initial-delay", "0s", "added to a configuration's first PUT (a Go duration) before its first scan is looked for", setInitialDelay},
	{"S3INVMOCK_RECORD_MAX_BODY", "record-max-body", "1MiB", "record: a request body up to this size (bytes, KiB, MiB or GiB) is kept in the journal; a larger one is forwarded whole, kept as its size only (request_body_elided)", setRecordMaxBody},
}

// settingName names a setting as every message does, "S3INVMOCK_SEED (-seed)", from
// the settings table, so that no message retypes a name the table could change.
func settingName(flag string) string {
	for _, st := range settings {
		if st.flag == flag {
			return st.env + " (-" + st.flag + ")"
		}
	}
	return "-" + flag // unreachable for the table's own flags
}

// SettingError is a bad setting: it names the variable and its flag twin.
type SettingError struct {
	Env, Flag, Value string
	Err              error
}

func (e *SettingError) Error() string {
	return fmt.Sprintf("%s (-%s) %q: %v", e.Env, e.Flag, e.Value, e.Err)
}

func (e *SettingError) Unwrap() error { return e.Err }

// Load reads the command line (without the program name) and the environment, as
// env reports it (os.LookupEnv in main). A flag beats its environment variable, which
// beats the default; an empty variable counts as unset. Load does no I/O: files are
// read when the command runs. -h, -help and the command help return flag.ErrHelp;
// -version (or --version) is the command version. An unknown command or flag is an
// error that names the nearest known one and ends "(see -h)".
func Load(args []string, env func(string) (string, bool)) (Config, error) {
	c := Config{Command: Commands[0]}
	if len(args) > 0 {
		switch a := args[0]; {
		case a == "help":
			return Config{}, flag.ErrHelp
		case isCommand(a):
			c.Command, args = a, args[1:]
		case !strings.HasPrefix(a, "-"):
			return Config{}, unknown("command", a, a, Commands)
		}
	}
	fs := flag.NewFlagSet("s3invmock", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	given := make(map[string]*string, len(settings))
	flags := []string{"h", "help", "version"}
	for _, s := range settings {
		given[s.flag] = fs.String(s.flag, s.def, s.usage)
		flags = append(flags, s.flag)
	}
	showVersion := fs.Bool("version", false, "print the version, as the command version does")
	if err := fs.Parse(args); err != nil {
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
			return Config{}, unknown("flag", "-"+name, name, flags)
		}
		if errors.Is(err, flag.ErrHelp) {
			return Config{}, err
		}
		return Config{}, fmt.Errorf("%v (see -h)", err)
	}
	if *showVersion {
		c.Command = "version"
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, s := range settings {
		v := s.def
		if ev, ok := env(s.env); ok && ev != "" {
			v = ev
		}
		if set[s.flag] {
			v = *given[s.flag]
		}
		if err := s.apply(&c, v); err != nil {
			return Config{}, &SettingError{Env: s.env, Flag: s.flag, Value: v, Err: err}
		}
	}
	rest := fs.Args()
	switch {
	case c.Command == "validate" && len(rest) == 0:
		return Config{}, errors.New("validate needs at least one FILE")
	case c.Command == "validate":
		c.Files = rest
	case len(rest) > 0:
		return Config{}, fmt.Errorf("%s takes no arguments, got %q", c.Command, rest[0])
	}
	return c, nil
}

// unknown is the error of an unknown command, flag or variable: what it is, the name
// as given (shown) and the nearest known names to the part compared (name).
func unknown(what, shown, name string, known []string) error {
	near := suggest.Near(name, known)
	if len(near) == 0 {
		return fmt.Errorf("unknown %s %s (see -h)", what, shown)
	}
	prefix := strings.TrimSuffix(shown, name)
	for i := range near {
		near[i] = prefix + near[i]
	}
	return fmt.Errorf("unknown %s %s; did you mean %s? (see -h)", what, shown, strings.Join(near, " or "))
}

// envPrefix starts the name of every variable of the settings table.
const envPrefix = "S3INVMOCK_"

// CheckEnviron refuses a variable whose name starts with S3INVMOCK_ but is not in the
// settings table, whatever its value, naming the nearest known one: a misspelt
// setting would otherwise be ignored in silence. environ is os.Environ's form,
// KEY=VALUE; the first unknown name is reported.
func CheckEnviron(environ []string) error {
	known := make([]string, len(settings))
	for i, st := range settings {
		known[i] = strings.TrimPrefix(st.env, envPrefix)
	}
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		rest, ok := strings.CutPrefix(name, envPrefix)
		if !ok || slices.Contains(known, rest) {
			continue
		}
		return unknown("variable", name, rest, known)
	}
	return nil
}

func isCommand(s string) bool {
	for _, c := range Commands {
		if s == c {
			return true
		}
	}
	return false
}

// Usage describes the subcommands and every setting with its default.
func Usage() string {
	var b strings.Builder
	b.WriteString("usage: s3invmock [serve] [flags] | validate FILE... | healthcheck | version | record -upstream URL | help\n" +
		"  -h, -help, help: this text; -version: the version\n\n" +
		"settings (flag beats environment; a variable S3INVMOCK_* not listed here is refused):\n")
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = "none"
		}
		fmt.Fprintf(&b, "  -%s, %s (default %s)\n      %s\n", s.flag, s.env, def, s.usage)
	}
	return b.String()
}

func setAddr(c *Config, v string) error {
	_, port, err := net.SplitHostPort(v)
	if _, nerr := strconv.ParseUint(v, 10, 16); err != nil && nerr == nil {
		return fmt.Errorf("is a port without a host; did you mean %q (every interface) or %q (loopback only)?", ":"+v, "127.0.0.1:"+v)
	}
	if err != nil {
		return err
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	c.Addr = v
	return nil
}

// setRegion accepts names such as eu-west-1 and us-gov-west-1.
func setRegion(c *Config, v string) error {
	parts := strings.Split(v, "-")
	ok := len(parts) >= 3
	for _, p := range parts {
		ok = ok && p != "" && strings.Trim(p, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
	}
	if !ok {
		return errors.New("not a region name such as eu-west-1")
	}
	c.Region = v
	return nil
}

func setHosts(c *Config, v string) error {
	if v == "" {
		c.Hosts = nil
		return nil
	}
	for _, h := range strings.Split(v, ",") {
		h = strings.TrimSpace(h)
		if h == "" || strings.Trim(strings.ToLower(h), "abcdefghijklmnopqrstuvwxyz0123456789.-{}") != "" {
			return fmt.Errorf("base name %q is not a host name", h)
		}
		c.Hosts = append(c.Hosts, h)
	}
	return nil
}

// setAdminToken refuses a token of whitespace only, which no header could carry
// (the scheme's value is trimmed) and which would lock every control endpoint.
func setAdminToken(c *Config, v string) error {
	if v != "" && strings.TrimSpace(v) == "" {
		return errors.New("is whitespace only; give a token of visible characters, or none")
	}
	c.AdminToken = v
	return nil
}

func setLog(c *Config, v string) error {
	if v != "text" && v != "json" {
		return errors.New(`want "text" or "json"`)
	}
	c.Log = v
	return nil
}

func setAuth(c *Config, v string) error {
	m, err := identity.ParseMode(v)
	if err != nil {
		return errors.New(`want "off" or "verify"`)
	}
	c.Auth = m
	return nil
}

func setCapture(c *Config, v string) error {
	on, err := strconv.ParseBool(v)
	if err != nil {
		return errors.New(`want "true" or "false"`)
	}
	c.Capture = on
	return nil
}

// setWriteTimeout accepts a positive Go duration. Choice of the default, 20 s: S3
// itself gives a stalled upload about 20 s before RequestTimeout, and any client that
// reads at all drains a socket buffer in far less.
func setWriteTimeout(c *Config, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return errors.New("want a positive Go duration such as 20s or 1m")
	}
	c.WriteTimeout = d
	return nil
}
