package main

import "runtime"

// version is stamped at build time:
//
//	go build -ldflags "-X main.version=v1.2.3" ./cmd/s3invmock
var version = "dev"

func versionLine() string { return "s3invmock " + version + " " + runtime.Version() }
