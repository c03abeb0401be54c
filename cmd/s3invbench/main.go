// Command s3invbench measures s3invmock under load and side by side with other
// endpoints: the fake in-process (httptest), the built binary, a bare net/http handler
// that serves the same bytes (the ceiling: what net/http alone costs), and any URL
// (moto, LocalStack, a real bucket's endpoint). The bare handler runs in this process
// (bare, the ceiling of inproc) and as a separate process (bare-proc, the ceiling of
// the binary and of URLs).
//
//	s3invbench [flags]
//	s3invbench -workloads get-one -targets inproc,binary,bare -duration 3s -rounds 5
//	s3invbench -targets binary,bare-proc,url -url moto=http://127.0.0.1:5000 -json
//
// Each workload runs every target in turn, round after round (A B C A B C ...), so
// that a noisy neighbour or a warming CPU hits all of them alike. Every round has an
// unmeasured warm-up. The table shows requests per second, p50/p99/max latency and the
// throughput as a fraction of the bare handler's in the same run.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run parses args, runs every workload and prints the report; it returns the exit
// code: 0 done, 1 a target failed, 2 a bad flag.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == serveBareFlag {
		return serveBare(args[1], stdout, stderr)
	}
	cfg, err := parseConfig(args)
	if err != nil {
		fmt.Fprintf(stderr, "s3invbench: %v\n", err)
		return 2
	}
	if cfg.help {
		fmt.Fprint(stdout, usage())
		return 0
	}
	rep, err := runAll(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "s3invbench: %v\n", err)
		return 1
	}
	if cfg.json {
		err = rep.writeJSON(stdout)
	} else {
		err = rep.writeTable(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "s3invbench: %v\n", err)
		return 1
	}
	return 0
}
