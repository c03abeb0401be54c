package main_test

import (
	"errors"
	"flag"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	s3invmock "github.com/s3invmock/s3invmock/cmd/s3invmock"
	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/mock/report"
)

// envOf is an environment made of the given pairs only.
func envOf(pairs ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

var _ = Describe("Load", func() {
	It("has the issue's defaults", func() {
		c, err := s3invmock.Load(nil, envOf())
		Expect(err).NotTo(HaveOccurred())
		Expect(c).To(Equal(s3invmock.Config{
			Command: "serve", Addr: "127.0.0.1:9090", Region: "us-east-1", Log: "text", Auth: identity.ModeOff,
			CaptureBudget: mock.DefaultCaptureBudget, WriteTimeout: 20 * time.Second, RecordMaxBody: 1 << 20, MaxBuckets: mock.DefaultMaxBuckets,
			RowsPerFile: report.DefaultRowsPerFile, DeliveryAt: mock.DefaultDeliveryAt, Hosts: mock.DefaultHosts(),
		}))
	})

	It("reads every setting from the environment", func() {
		c, err := s3invmock.Load(nil, envOf(
			"S3INVMOCK_ADDR", "0.0.0.0:9090", "S3INVMOCK_SEED", "seed.yaml", "S3INVMOCK_STATE", "state.json",
			"S3INVMOCK_SCENARIO", "sc.yaml", "S3INVMOCK_ADMIN_TOKEN", "t0ken", "S3INVMOCK_REGION", "eu-west-1",
			"S3INVMOCK_HOSTS", "s3.localhost.localstack.cloud, localhost", "S3INVMOCK_LOG", "json",
			"S3INVMOCK_AUTH", "verify", "S3INVMOCK_CAPTURE", "true", "S3INVMOCK_CAPTURE_BUDGET", "512KiB", "S3INVMOCK_WRITE_TIMEOUT", "1m30s",
			"S3INVMOCK_RECORD_MAX_BODY", "512KiB", "S3INVMOCK_ROWS_PER_FILE", "250",
			"S3INVMOCK_CLOCK", "2026-12-01T00:00:00+01:00", "S3INVMOCK_DELIVERY_AT", "03:30",
			"S3INVMOCK_DELIVERY_LAG", "20h", "S3INVMOCK_INITIAL_DELAY", "48h"))
		Expect(err).NotTo(HaveOccurred())
		Expect(c).To(Equal(s3invmock.Config{
			Command: "serve", Addr: "0.0.0.0:9090", Seed: "seed.yaml", State: "state.json", Scenario: "sc.yaml",
			AdminToken: "t0ken", Region: "eu-west-1", Hosts: []string{"s3.localhost.localstack.cloud", "localhost"},
			Log: "json", Auth: identity.ModeVerify, Capture: true, CaptureBudget: 512 << 10, WriteTimeout: 90 * time.Second, MaxBuckets: mock.DefaultMaxBuckets,
			RecordMaxBody: 512 << 10, RowsPerFile: 250, Clock: time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC),
			DeliveryAt: 3*time.Hour + 30*time.Minute, DeliveryLag: 20 * time.Hour, InitialDelay: 48 * time.Hour,
		}))
	})

	It("lets a flag beat its environment variable, and an empty variable count as unset", func() {
		c, err := s3invmock.Load([]string{"-addr", "127.0.0.1:0", "-log", "json"},
			envOf("S3INVMOCK_ADDR", "127.0.0.1:1234", "S3INVMOCK_LOG", "text", "S3INVMOCK_REGION", ""))
		Expect(err).NotTo(HaveOccurred())
		Expect(c.Addr).To(Equal("127.0.0.1:0"))
		Expect(c.Log).To(Equal("json"))
		Expect(c.Region).To(Equal("us-east-1"))
	})

	It("reads the subcommand first, and validate's files after the flags", func() {
		c, err := s3invmock.Load([]string{"validate", "a.yaml", "b.json"}, envOf())
		Expect(err).NotTo(HaveOccurred())
		Expect(c.Command).To(Equal("validate"))
		Expect(c.Files).To(Equal([]string{"a.yaml", "b.json"}))
		c, err = s3invmock.Load([]string{"healthcheck", "-addr", "0.0.0.0:9090"}, envOf())
		Expect(err).NotTo(HaveOccurred())
		Expect(c.Command).To(Equal("healthcheck"))
		Expect(c.Addr).To(Equal("0.0.0.0:9090"))
	})

	DescribeTable("names the setting of a bad value",
		func(args []string, env []string, wantEnv string) {
			_, err := s3invmock.Load(args, envOf(env...))
			var se *s3invmock.SettingError
			Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
			Expect(se.Env).To(Equal(wantEnv))
			Expect(err.Error()).To(HavePrefix(wantEnv))
		},
		Entry("an address without a port", nil, []string{"S3INVMOCK_ADDR", "localhost"}, "S3INVMOCK_ADDR"),
		Entry("a port out of range", []string{"-addr", ":70000"}, nil, "S3INVMOCK_ADDR"),
		Entry("a bad flag over a good variable", []string{"-log", "xml"}, []string{"S3INVMOCK_LOG", "json"}, "S3INVMOCK_LOG"),
		Entry("a region that is not one", nil, []string{"S3INVMOCK_REGION", "Mars"}, "S3INVMOCK_REGION"),
		Entry("an empty host base", nil, []string{"S3INVMOCK_HOSTS", "localhost,,x"}, "S3INVMOCK_HOSTS"),
		Entry("an unknown auth mode", nil, []string{"S3INVMOCK_AUTH", "sigv2"}, "S3INVMOCK_AUTH"),
		Entry("a capture that is not a boolean", nil, []string{"S3INVMOCK_CAPTURE", "sometimes"}, "S3INVMOCK_CAPTURE"),
		Entry("a negative capture budget", []string{"-capture-budget", "-1"}, nil, "S3INVMOCK_CAPTURE_BUDGET"),
		Entry("a capture budget in a unit it does not know", nil, []string{"S3INVMOCK_CAPTURE_BUDGET", "64MB"}, "S3INVMOCK_CAPTURE_BUDGET"),
		Entry("a capture budget past 4 EiB", nil, []string{"S3INVMOCK_CAPTURE_BUDGET", "9999999999GiB"}, "S3INVMOCK_CAPTURE_BUDGET"),
	)

	It("refuses unknown flags, stray arguments and a validate without files", func() {
		_, err := s3invmock.Load([]string{"-port", "1"}, envOf())
		Expect(err).To(MatchError(ContainSubstring("-port")))
		_, err = s3invmock.Load([]string{"serve", "extra"}, envOf())
		Expect(err).To(MatchError(ContainSubstring(`"extra"`)))
		_, err = s3invmock.Load([]string{"validate"}, envOf())
		Expect(err).To(HaveOccurred())
		_, err = s3invmock.Load([]string{"-h"}, envOf())
		Expect(err).To(MatchError(flag.ErrHelp))
	})

	It("reads help as -h, and -version as the command version", func() {
		_, err := s3invmock.Load([]string{"help"}, envOf())
		Expect(err).To(MatchError(flag.ErrHelp))
		for _, v := range []string{"-version", "--version"} {
			c, err := s3invmock.Load([]string{v}, envOf())
			Expect(err).NotTo(HaveOccurred())
			Expect(c.Command).To(Equal("version"))
		}
	})

	DescribeTable("names what it does not know, and the nearest known name",
		func(args []string, message string) {
			_, err := s3invmock.Load(args, envOf())
			Expect(err).To(MatchError(message))
		},
		Entry("a misspelt command", []string{"valdate", "a.yaml"}, "unknown command valdate; did you mean validate? (see -h)"),
		Entry("a command nothing is near", []string{"launch"}, "unknown command launch (see -h)"),
		Entry("a misspelt flag", []string{"-sede", "x"}, "unknown flag -sede; did you mean -seed? (see -h)"),
		Entry("a flag nothing is near", []string{"-port", "1"}, "unknown flag -port (see -h)"),
		Entry("a flag without its value", []string{"-addr"}, "flag needs an argument: -addr (see -h)"),
		Entry("a port without a host", []string{"-addr", "9090"},
			`S3INVMOCK_ADDR (-addr) "9090": is a port without a host; did you mean ":9090" (every interface) or "127.0.0.1:9090" (loopback only)?`),
		Entry("a whitespace-only admin token", []string{"-admin-token", " \t"},
			`S3INVMOCK_ADMIN_TOKEN (-admin-token) " \t": is whitespace only; give a token of visible characters, or none`),
	)
})

var _ = Describe("CheckEnviron", func() {
	It("lets every variable of the table and every other name pass", func() {
		Expect(s3invmock.CheckEnviron([]string{"S3INVMOCK_SEED=a.yaml", "S3INVMOCK_ADDR=", "HOME=/root", "s3invmock_seeds=x"})).To(Succeed())
	})

	DescribeTable("refuses an unknown S3INVMOCK_ name, whatever its value",
		func(kv, message string) {
			Expect(s3invmock.CheckEnviron([]string{"PATH=/bin", kv})).To(MatchError(message))
		},
		Entry("one letter more", "S3INVMOCK_SEEDS=seed.yaml", "unknown variable S3INVMOCK_SEEDS; did you mean S3INVMOCK_SEED? (see -h)"),
		Entry("a part of a name", "S3INVMOCK_TOKEN=t", "unknown variable S3INVMOCK_TOKEN; did you mean S3INVMOCK_ADMIN_TOKEN? (see -h)"),
		Entry("an empty value", "S3INVMOCK_PORT=", "unknown variable S3INVMOCK_PORT (see -h)"),
	)
})
