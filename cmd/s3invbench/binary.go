package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// startTimeout bounds the wait for the ready line.
const startTimeout = 10 * time.Second

// buildBinary builds ./cmd/s3invmock into dir with the go tool; the working directory
// must be inside the module.
func buildBinary(dir string) (string, error) {
	path := filepath.Join(dir, "s3invmock")
	cmd := exec.Command("go", "build", "-o", path, "github.com/s3invmock/s3invmock/cmd/s3invmock")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build s3invmock: %v\n%s", err, out)
	}
	return path, nil
}

// startBinary runs the sidecar on a free loopback port, its request log discarded,
// with the 100-rule scenario when the workload asks for it.
func startBinary(path, dir string, wl workload) (*target, error) {
	env := append(os.Environ(), "S3INVMOCK_ADDR=127.0.0.1:0")
	if wl.scenario {
		doc, err := hundredRulesJSON()
		if err != nil {
			return nil, err
		}
		file := filepath.Join(dir, "hundred-rules.json")
		if err := os.WriteFile(file, doc, 0o600); err != nil {
			return nil, err
		}
		env = append(env, "S3INVMOCK_SCENARIO="+file)
	}
	if wl.object {
		file := filepath.Join(dir, "object-seed.yaml")
		if err := os.WriteFile(file, []byte(objectSeed()), 0o600); err != nil {
			return nil, err
		}
		env = append(env, "S3INVMOCK_SEED="+file)
	}
	cmd := exec.Command(path)
	cmd.Env = env
	t, err := startChild(cmd, "s3invmock listening on")
	if err != nil {
		return nil, err
	}
	t.name, t.setup, t.external = "binary", true, true
	return t, nil
}

// startChild starts cmd, its stderr on the null device (the sidecar's request log then
// costs its formatting only), and waits for a stdout line that starts with ready and
// ends with the URL it serves. Closing the target sends SIGTERM, then kills after
// startTimeout.
func startChild(cmd *exec.Cmd, ready string) (*target, error) {
	cmd.Stderr = nil
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(startTimeout):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), ready); ok {
				url <- strings.TrimSpace(rest)
				break
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case u := <-url:
		return &target{url: u, close: stop}, nil
	case <-time.After(startTimeout):
		stop()
		return nil, errors.New(cmd.Path + " printed no ready line within " + startTimeout.String())
	}
}
