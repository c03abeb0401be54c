package main_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

func TestS3invmock(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "s3invmock: the sidecar binary")
}

// testVersion is stamped into the binary under test, as a release build stamps its own.
const testVersion = "v0.0.0-spec"

// binary is the path of the real s3invmock, built once for all parallel processes.
var binary string

var _ = SynchronizedBeforeSuite(func() []byte {
	path, err := gexec.Build("github.com/s3invmock/s3invmock/cmd/s3invmock",
		"-ldflags", "-X main.version="+testVersion)
	Expect(err).NotTo(HaveOccurred())
	return []byte(path)
}, func(path []byte) {
	binary = string(path)
})

var _ = SynchronizedAfterSuite(func() {}, func() {
	gexec.CleanupBuildArtifacts()
})
