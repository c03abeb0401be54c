// Command s3invmock is the fake S3 inventory endpoint as a CI sidecar: configured by
// environment variables (each with a flag twin), seeded from a file, snapshotted on
// exit, with a control API under /_mock/ on the same listener.
//
//	s3invmock [serve] [flags]      serve until SIGTERM or SIGINT (the default)
//	s3invmock validate FILE...     check seed, scenario and bundle files, FILE:LINE: problem
//	s3invmock healthcheck          GET /_mock/health on S3INVMOCK_ADDR; exit 0 when healthy
//	s3invmock version              print the version
//	s3invmock record -upstream URL forward every request to URL, journal full exchanges
//	s3invmock help                 the commands and settings (also -h); -version is version
//
// Exit codes: 0 success, 1 failure (invalid file, unhealthy, serve error), 2 a bad
// setting, an unknown command, flag or S3INVMOCK_* variable, named on one line of
// stderr.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Environ(), os.LookupEnv, os.Stdout, os.Stderr))
}

// run executes one command and returns its exit code. environ is checked for unknown
// S3INVMOCK_* names; env reads the settings.
func run(args, environ []string, env func(string) (string, bool), stdout, stderr io.Writer) int {
	cfg, err := Load(args, env)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, Usage())
		return 0
	}
	if err == nil {
		err = CheckEnviron(environ)
	}
	if err != nil {
		fmt.Fprintf(stderr, "s3invmock: %v\n", err)
		return 2
	}
	switch cfg.Command {
	case "version":
		fmt.Fprintln(stdout, versionLine())
		return 0
	case "validate":
		return validate(cfg.Files, stdout)
	case "healthcheck":
		return healthcheck(cfg.Addr, stderr)
	case "record":
		return record(cfg, stdout, stderr)
	}
	return serve(cfg, stdout, stderr)
}
