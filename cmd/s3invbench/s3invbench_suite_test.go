package main

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestS3invbench(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "s3invbench: the load generator")
}
