package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthTimeout bounds one health check; a container runtime runs it every few
// seconds.
const healthTimeout = 3 * time.Second

// healthcheck asks the sidecar at addr for GET /_mock/health and returns 0 when it
// answers {"success": true, "data": {"status": "ok"}}, 1 otherwise. An unspecified
// host (0.0.0.0, ::, empty) is reached on loopback. It exists because the image has no
// curl.
func healthcheck(addr string, stderr io.Writer) int {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintf(stderr, "s3invmock healthcheck: %v\n", err)
		return 1
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
		if ip != nil && ip.To4() == nil {
			host = "::1"
		}
	}
	url := "http://" + net.JoinHostPort(host, port) + "/_mock/health"
	client := &http.Client{Timeout: healthTimeout}
	resp, err := client.Get(url)
	if err != nil {
		fmt.Fprintf(stderr, "s3invmock healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	var env struct {
		Success bool `json:"success"`
		Data    struct {
			Status string `json:"status"`
		} `json:"data"`
	}
	err = json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&env)
	if err != nil || resp.StatusCode != http.StatusOK || !env.Success || env.Data.Status != "ok" {
		fmt.Fprintf(stderr, "s3invmock healthcheck: %s answered %s, status %q\n", url, resp.Status, env.Data.Status)
		return 1
	}
	fmt.Fprintf(stderr, "s3invmock healthcheck: %s ok\n", url)
	return 0
}
