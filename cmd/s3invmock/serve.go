package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/scenarios"
)

// Limits of the listener. Choices: generous for any real client, small enough that a
// slow or hostile one cannot hold the sidecar.
const (
	// readHeaderTimeout bounds how long a client may take to send its headers
	// (slowloris).
	readHeaderTimeout = 10 * time.Second
	// maxHeaderBytes bounds the header block; S3 itself allows about 8 KiB of
	// user metadata, and SigV4 headers add less than 2 KiB.
	maxHeaderBytes = 64 << 10
	// idleTimeout closes keep-alive connections nobody uses.
	idleTimeout = 2 * time.Minute
	// shutdownTimeout bounds the wait for requests in flight on SIGTERM/SIGINT.
	shutdownTimeout = 10 * time.Second
)

// sidecar is everything serve builds before it listens.
type sidecar struct {
	cfg    Config
	from   string // the setting the state came from (initialState), "" for none
	log    *slog.Logger
	srv    *mock.Server
	engine *scenarios.Engine
}

// serve runs the sidecar until SIGTERM or SIGINT and returns the exit code. After the
// first signal the default handling is back, so a second Ctrl-C ends a shutdown that
// takes too long at once.
func serve(cfg Config, stdout, stderr io.Writer) int {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	return serveUntil(ctx, cfg, stdout, stderr)
}

func serveUntil(ctx context.Context, cfg Config, stdout, stderr io.Writer) int {
	sc, err := build(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "s3invmock: %v\n", err)
		return 2
	}
	defer closeLog(sc.log) // last: every line, the shutdown's too, reaches stderr
	defer sc.engine.Close()
	if cfg.Seed != "" || cfg.State != "" || cfg.Replay != "" {
		// The parsed file is garbage now; hand its memory back before serving, or a
		// seed of a million configurations keeps the process at 1.2 GB instead of 0.2.
		debug.FreeOSMemory()
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		fmt.Fprintf(stderr, "s3invmock: %s %q: %v\n", settingName("addr"), cfg.Addr, err)
		return 2
	}
	sc.loaded(stderr)
	hs := &http.Server{
		Handler:           sc.handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(sc.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "s3invmock listening on http://%s\n", readyAddr(cfg.Addr, ln.Addr()))
	select {
	case err := <-errc:
		sc.log.Error("serve", "err", err)
		return 1
	case <-ctx.Done():
	}
	return sc.shutdown(hs)
}

// readyAddr is the address of the ready line: the configured host (0.0.0.0 stays
// 0.0.0.0, where Go would print [::]) with the port actually bound (port 0 picks one).
func readyAddr(configured string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(configured)
	_, port, err2 := net.SplitHostPort(bound.String())
	if err != nil || err2 != nil {
		return bound.String()
	}
	if host == "" {
		host = "0.0.0.0"
	}
	return net.JoinHostPort(host, port)
}

// build reads the files the settings name and assembles server and engine; every
// error names its setting.
func build(cfg Config, stderr io.Writer) (*sidecar, error) {
	if cfg.State != "" {
		if err := checkStateDir(cfg.State); err != nil {
			return nil, fmt.Errorf("%s %s: %v", settingName("state"), cfg.State, err)
		}
	}
	st, from, err := initialState(cfg)
	if err != nil {
		return nil, err
	}
	var sc *scenarios.Scenario
	if cfg.Scenario != "" {
		if sc, err = scenarios.Load(cfg.Scenario); err != nil {
			return nil, fmt.Errorf("%s %s", settingName("scenario"), oneLine(cfg.Scenario, err))
		}
	}
	s := &sidecar{cfg: cfg, from: from, log: newLogger(cfg.Log, stderr), engine: scenarios.NewEngine()}
	if err := s.engine.Replace(sc); err != nil { // Load validated it; kept for safety
		return nil, fmt.Errorf("%s %s", settingName("scenario"), oneLine(cfg.Scenario, err))
	}
	s.srv = mock.New(append(mockOptions(cfg, s.log), mock.WithHook(s.engine), mock.WithAuth(cfg.Auth))...)
	if st != nil {
		if err := s.srv.LoadState(st); err != nil {
			s.engine.Close()
			return nil, fmt.Errorf("%s %s", from, oneLine(fileOf(cfg, from), err))
		}
	}
	if err := loadReplay(cfg.Replay, s.srv, s.engine); err != nil {
		s.engine.Close()
		return nil, err
	}
	return s, nil
}

// initialState is the snapshot when S3INVMOCK_STATE names a file that exists, else the
// seed, else nothing. from names the setting it came from.
func initialState(cfg Config) (st *mock.State, from string, err error) {
	if cfg.State != "" {
		st, exists, err := readStateFile(cfg.State)
		if exists {
			if err != nil {
				return nil, "", fmt.Errorf("%s %s", settingName("state"), oneLine(cfg.State, err))
			}
			return st, settingName("state"), nil
		}
	}
	if cfg.Seed != "" {
		st, _, err := readStateFile(cfg.Seed)
		if err != nil {
			return nil, "", fmt.Errorf("%s %s", settingName("seed"), oneLine(cfg.Seed, err))
		}
		return st, settingName("seed"), nil
	}
	return nil, "", nil
}

func fileOf(cfg Config, from string) string {
	if from == settingName("state") {
		return cfg.State
	}
	return cfg.Seed
}

// oneLine renders a file's error as "FILE:LINE: problem; FILE:LINE: problem".
func oneLine(file string, err error) string {
	lines := problemLines(file, err)
	return strings.Join(lines, "; ")
}

// shutdown lets requests in flight finish (bounded by shutdownTimeout), snapshots
// when S3INVMOCK_STATE is set, and returns the exit code. The engine is closed first:
// that releases every request a scenario holds (latency, bandwidth, hang), so no
// fault can keep the sidecar from stopping.
func (s *sidecar) shutdown(hs *http.Server) int {
	s.engine.Close()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		s.log.Warn("shutdown: requests still in flight were cut off", "err", err)
		_ = hs.Close()
	}
	if s.cfg.State != "" {
		if err := writeSnapshot(s.cfg.State, s.srv.State()); err != nil {
			s.log.Error("snapshot", "file", s.cfg.State, "err", err)
			return 1
		}
		s.log.Info("snapshot written", "file", s.cfg.State)
	}
	return 0
}

// controlOptions are the control API's options serve and record share: the version,
// the admin token, and the request log's drop count for /_mock/health.
func (s *sidecar) controlOptions() []control.Option {
	opts := []control.Option{control.WithVersion(version)}
	if h, ok := s.log.Handler().(*logHandler); ok {
		opts = append(opts, control.WithLogDropped(h.out.Dropped))
	}
	if s.cfg.AdminToken != "" {
		opts = append(opts, control.WithAdminToken(s.cfg.AdminToken))
	}
	return opts
}

// handler is the sidecar's whole HTTP surface: the control API under /_mock/, the
// fake S3 everywhere else.
func (s *sidecar) handler() http.Handler {
	opts := s.controlOptions()
	if s.cfg.State != "" {
		opts = append(opts, control.WithSnapshot(func(st *mock.State) (string, error) {
			return s.cfg.State, writeSnapshot(s.cfg.State, st)
		}))
	}
	return withConnLimits(control.New(s.srv, s.engine, opts...), s.cfg.connLimits())
}
