package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

// serveBareFlag makes s3invbench itself the bare-proc target: a separate process, like
// the binary, serving the recorded answers in a file with plain net/http. Comparing
// the binary with it leaves out what any second process costs (its own scheduler and
// collector, the loopback between the two).
const serveBareFlag = "-serve-bare"

// startBareProc runs this executable with serveBareFlag. It cannot run from a test
// binary, which is not s3invbench.
func startBareProc(wl workload, dir string) (*target, error) {
	answers, err := recordAnswers(wl)
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(answers)
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "answers-"+wl.name+".json")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	t, err := startChild(exec.Command(exe, serveBareFlag, file), bareReady)
	if err != nil {
		return nil, err
	}
	t.name, t.external = "bare-proc", true
	return t, nil
}

// serveBare is the child's side: listen on a free loopback port, say so, serve until
// SIGTERM or SIGINT.
func serveBare(file string, stdout, stderr io.Writer) int {
	doc, err := os.ReadFile(file)
	var answers map[string]answer
	if err == nil {
		err = json.Unmarshal(doc, &answers)
	}
	if err != nil {
		fmt.Fprintf(stderr, "s3invbench %s: %v\n", serveBareFlag, err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(stderr, "s3invbench %s: %v\n", serveBareFlag, err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	hs := &http.Server{Handler: bareHandler(answers)}
	go func() { _ = hs.Serve(ln) }()
	fmt.Fprintf(stdout, "%s http://%s\n", bareReady, ln.Addr())
	<-ctx.Done()
	_ = hs.Close()
	return 0
}

// bareReady starts the child's ready line.
const bareReady = "s3invbench bare listening on"
