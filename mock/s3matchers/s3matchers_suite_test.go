package s3matchers_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestS3matchers(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "S3matchers Suite")
}
