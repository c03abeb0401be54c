package mocktest_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestMocktest(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "Mocktest Suite")
}
