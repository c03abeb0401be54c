package mocktest_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// snippet is one ```go block of the README and the line it starts on.
type snippet struct {
	line int
	code string
}

// goSnippets returns every ```go block of a Markdown text.
func goSnippets(md string) []snippet {
	var out []snippet
	var cur *snippet
	for i, l := range strings.Split(md, "\n") {
		switch {
		case cur == nil && strings.TrimSpace(l) == "```go":
			cur = &snippet{line: i + 2}
		case cur != nil && strings.TrimSpace(l) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.code += l + "\n"
		}
	}
	return out
}

// knownImports are the packages a README fragment may use without importing them.
var knownImports = map[string]string{
	"context": "context", "fmt": "fmt", "http": "net/http", "httptest": "net/http/httptest",
	"testing": "testing", "time": "time",
	"aws":         "github.com/aws/aws-sdk-go-v2/aws",
	"credentials": "github.com/aws/aws-sdk-go-v2/credentials",
	"s3":          "github.com/aws/aws-sdk-go-v2/service/s3",
	"types":       "github.com/aws/aws-sdk-go-v2/service/s3/types",
	"gomega":      "github.com/onsi/gomega",
	"mock":        "github.com/s3invmock/s3invmock/mock",
	"control":     "github.com/s3invmock/s3invmock/mock/control",
	"identity":    "github.com/s3invmock/s3invmock/mock/identity",
	"mocktest":    "github.com/s3invmock/s3invmock/mock/mocktest",
	"object":      "github.com/s3invmock/s3invmock/mock/object",
	"io":          "io",
	"replay":      "github.com/s3invmock/s3invmock/mock/replay",
	"s3client":    "github.com/s3invmock/s3invmock/mock/s3client",
	"s3matchers":  "github.com/s3invmock/s3invmock/mock/s3matchers",
	"scenarios":   "github.com/s3invmock/s3invmock/scenarios",
}

var (
	commentsAndStrings = regexp.MustCompile("//[^\n]*|\"(?:[^\"\\\\\n]|\\\\.)*\"|`[^`]*`")
	qualified          = regexp.MustCompile(`\b([a-z][a-z0-9]*)\.[A-Z]`)
	declared           = regexp.MustCompile(`(?m)^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:=`)
)

// asFile returns a complete file as it is, and wraps a fragment in a test function of
// package readme_test, with the imports it uses and a use of every variable it
// declares at its top level (a fragment shows setup, its variables are for later).
func asFile(code string) string {
	if strings.HasPrefix(strings.TrimSpace(code), "package ") {
		return code
	}
	bare := commentsAndStrings.ReplaceAllString(code, `""`)
	imports := []string{`"testing"`}
	for _, m := range qualified.FindAllStringSubmatch(bare, -1) {
		if path, ok := knownImports[m[1]]; ok && !slices.Contains(imports, `"`+path+`"`) {
			imports = append(imports, `"`+path+`"`)
		}
	}
	var uses []string
	for _, m := range declared.FindAllStringSubmatch(code, -1) {
		for _, name := range strings.Split(m[1], ",") {
			if name = strings.TrimSpace(name); name != "_" {
				uses = append(uses, "\t_ = "+name+"\n")
			}
		}
	}
	return "package readme_test\n\nimport (\n\t" + strings.Join(imports, "\n\t") + "\n)\n\n" +
		"func TestSnippet(t *testing.T) {\n" + code + strings.Join(uses, "") + "\t_ = t\n}\n"
}

var _ = Describe("README.md", Label("readme"), func() {
	It("has Go snippets that all compile and pass go vet", func() {
		root, err := filepath.Abs("../..")
		Expect(err).NotTo(HaveOccurred())
		md, err := os.ReadFile(filepath.Join(root, "README.md"))
		Expect(err).NotTo(HaveOccurred())
		snippets := goSnippets(string(md))
		Expect(len(snippets)).To(BeNumerically(">=", 4), "the one-line setup, the matchers, the plain form, the replay test")

		// A module beside the repository that requires it through a replace, with the
		// repository's own requirements and sums, so that nothing is looked up.
		dir := GinkgoT().TempDir()
		gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
		Expect(err).NotTo(HaveOccurred())
		body := strings.SplitN(string(gomod), "\n", 2)[1]
		Expect(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module readme.example\n"+body+
			"\nrequire github.com/s3invmock/s3invmock v0.0.0\n\nreplace github.com/s3invmock/s3invmock => "+root+"\n"), 0o644)).To(Succeed())
		sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)).To(Succeed())
		var legend []string
		for i, s := range snippets {
			pkg := fmt.Sprintf("snippet%02d", i+1)
			legend = append(legend, fmt.Sprintf("%s: README.md line %d", pkg, s.line))
			Expect(os.Mkdir(filepath.Join(dir, pkg), 0o755)).To(Succeed())
			Expect(os.WriteFile(filepath.Join(dir, pkg, "readme_test.go"), []byte(asFile(s.code)), 0o644)).To(Succeed())
		}

		vet := exec.Command("go", "vet", "./...")
		vet.Dir = dir
		vet.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
		out, err := vet.CombinedOutput()
		Expect(err).NotTo(HaveOccurred(), "go vet of the README's Go snippets:\n%s\n%s", out, strings.Join(legend, "\n"))
	})
})
