package orc_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestOrc(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Orc Suite")
}
