package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/control"
	"github.com/s3invmock/s3invmock/mock/replay"
	"github.com/s3invmock/s3invmock/scenarios"
)

// record runs the recording proxy until SIGTERM or SIGINT: every request outside
// /_mock/ goes to the upstream as sent, its answer comes back as the upstream gave it,
// and the journal keeps both in full, for GET /_mock/requests/export.
func record(cfg Config, stdout, stderr io.Writer) int {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return recordUntil(ctx, cfg, stdout, stderr)
}

func recordUntil(ctx context.Context, cfg Config, stdout, stderr io.Writer) int {
	if cfg.Upstream == "" {
		fmt.Fprintln(stderr, "s3invmock: record needs "+settingName("upstream")+", the URL of the S3 endpoint to record")
		return 2
	}
	upstream, _ := url.Parse(cfg.Upstream) // checked by setUpstream
	s := &sidecar{cfg: cfg, log: newLogger(cfg.Log, stderr), engine: scenarios.NewEngine()}
	s.cfg.State = "" // the recorder's own state is not the upstream's: no snapshot
	defer closeLog(s.log)
	defer s.engine.Close()
	// A recorder always captures: the journal is what it records.
	s.srv = mock.New(append(mockOptions(cfg, s.log), mock.WithCapture(true))...)
	handler := control.New(s.srv, s.engine, append(s.controlOptions(), control.WithInferredSeed())...)
	// After control.New, which installs the engine alone: scenarios still apply, and
	// what they let through goes upstream instead of to the fake.
	s.srv.SetHook(&forwarder{engine: s.engine, upstream: upstream, client: upstreamClient(), maxBody: cfg.RecordMaxBody})

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		fmt.Fprintf(stderr, "s3invmock: %s %q: %v\n", settingName("addr"), cfg.Addr, err)
		return 2
	}
	hs := &http.Server{
		Handler:           withConnLimits(handler, cfg.connLimits()),
		ReadHeaderTimeout: readHeaderTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "s3invmock listening on http://%s\n", readyAddr(cfg.Addr, ln.Addr()))
	s.log.Info("recording", "upstream", upstream.Redacted())
	select {
	case err := <-errc:
		s.log.Error("record", "err", err)
		return 1
	case <-ctx.Done():
	}
	return s.shutdown(hs)
}

// upstreamClient forwards without following redirects (the client sees S3's 301 and
// 307 as sent) and without asking for compression the client did not ask for.
func upstreamClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableCompression = true
	return &http.Client{
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// forwarder is the recorder's mock.Hook: the scenario engine first, then the upstream.
type forwarder struct {
	engine   *scenarios.Engine
	upstream *url.URL
	client   *http.Client
	maxBody  int64 // the largest request body kept in the journal (-record-max-body)
}

func (f *forwarder) Handle(w http.ResponseWriter, r *http.Request, call *mock.Call, _ http.HandlerFunc) {
	f.engine.Handle(w, r, call, func(w http.ResponseWriter, r *http.Request) { f.forward(w, r, call) })
}

// hopHeaders are the headers of one connection, never forwarded (RFC 9110 7.6.1).
var hopHeaders = []string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// forward sends the request as sent (method, path, query, headers, Host and body, so
// that a signature the upstream can verify stays valid) and copies the answer back.
// A body up to maxBody is read first and kept in the journal; a larger one is
// streamed to the upstream as it arrives, and the journal keeps only its size.
func (f *forwarder) forward(w http.ResponseWriter, r *http.Request, call *mock.Call) {
	head, err := io.ReadAll(io.LimitReader(r.Body, f.maxBody+1))
	if err != nil {
		http.Error(w, "s3invmock record: cannot read the request body", http.StatusBadRequest)
		return
	}
	var body io.Reader = bytes.NewReader(head)
	size := int64(len(head))
	if size > f.maxBody {
		sent := &countingReader{r: io.MultiReader(body, r.Body)}
		body, size = sent, r.ContentLength // -1, chunked, when the client sent it so
		defer func() { call.ElideBody(max(r.ContentLength, sent.n.Load())) }()
	} else {
		call.KeepBody(head)
	}
	target := *f.upstream
	target.Path = strings.TrimSuffix(f.upstream.Path, "/") + r.URL.Path
	target.RawPath = ""
	if r.URL.RawPath != "" || f.upstream.RawPath != "" {
		target.RawPath = strings.TrimSuffix(f.upstream.EscapedPath(), "/") + r.URL.EscapedPath()
	}
	target.RawQuery = r.URL.RawQuery
	out, err := http.NewRequestWithContext(r.Context(), r.Method, target.String(), body)
	if err != nil {
		http.Error(w, "s3invmock record: "+err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	for _, h := range hopHeaders {
		out.Header.Del(h)
	}
	out.Host = r.Host
	out.ContentLength = size
	if size == 0 {
		out.Body = http.NoBody
		if _, sent := r.Header["Content-Length"]; sent {
			out.TransferEncoding = []string{"identity"} // keep a sent Content-Length: 0
		}
	}
	resp, err := f.client.Do(out)
	if err != nil {
		if errors.Is(r.Context().Err(), context.Canceled) {
			return // the client left; nobody reads an answer
		}
		http.Error(w, "s3invmock record: upstream: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	h := w.Header()
	clear(h) // the fake's own Date, request ids and Server give way to the upstream's
	for k, vs := range resp.Header {
		h[k] = vs
	}
	for _, k := range hopHeaders {
		h.Del(k)
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// countingReader counts what the upstream transport has read of a streamed body; it
// reads in its own goroutine, hence the atomic.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// setUpstream accepts an absolute http or https URL.
func setUpstream(c *Config, v string) error {
	if v == "" {
		c.Upstream = ""
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("want an http or https URL such as http://127.0.0.1:9000")
	}
	c.Upstream = v
	return nil
}

// loadReplay installs the bundle file named by S3INVMOCK_REPLAY (-replay), if any:
// its seed and scenario replace what -seed, -state and -scenario loaded.
func loadReplay(file string, srv *mock.Server, engine *scenarios.Engine) error {
	if file == "" {
		return nil
	}
	data, err := os.ReadFile(file)
	var b *replay.Bundle
	if err == nil {
		b, err = replay.Parse(data)
	}
	if err == nil {
		err = b.Install(srv, engine)
	}
	if err != nil {
		return fmt.Errorf("%s %s", settingName("replay"), oneLine(file, err))
	}
	return nil
}

// validateBundle checks a replay bundle as -replay would load it.
func validateBundle(data []byte) error {
	b, err := replay.Parse(data)
	if err != nil {
		return err
	}
	engine := scenarios.NewEngine()
	defer engine.Close()
	return b.Install(mock.New(), engine)
}
