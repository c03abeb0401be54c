package mocktest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
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
// package readme_test named TestSnippet_L<line> (the README line of its first code
// line), with the imports it uses and a use of every variable it declares at its top
// level (a fragment shows setup, its variables are for later).
func asFile(line int, code string) string {
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
		fmt.Sprintf("func TestSnippet_L%d(t *testing.T) {\n", line) + code + strings.Join(uses, "") + "\t_ = t\n}\n"
}

// testEvent is one line of go test -json.
type testEvent struct {
	Action, Package, Test, Output string
}

// outcome is what go test -json said of one snippet's package.
type outcome struct {
	passed, failed []string
	output         strings.Builder
}

// readme reads the README at tree construction, so that each snippet is its own spec.
func readme() (root string, snippets []snippet) {
	root, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	md, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		panic(err)
	}
	return root, goSnippets(string(md))
}

var _ = Describe("README.md", Label("readme"), Ordered, func() {
	root, snippets := readme()
	var (
		dir      string
		legend   []string
		outcomes = map[string]*outcome{} // by package import path
	)
	goEnv := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")

	BeforeAll(func() {
		Expect(len(snippets)).To(BeNumerically(">=", 4), "the one-line setup, the matchers, the plain form, the replay test")
		// A module beside the repository that requires it through a replace, with the
		// repository's own requirements and sums, so that nothing is looked up.
		dir = GinkgoT().TempDir()
		gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
		Expect(err).NotTo(HaveOccurred())
		body := strings.SplitN(string(gomod), "\n", 2)[1]
		Expect(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module readme.example\n"+body+
			"\nrequire github.com/s3invmock/s3invmock v0.0.0\n\nreplace github.com/s3invmock/s3invmock => "+root+"\n"), 0o644)).To(Succeed())
		sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644)).To(Succeed())
		// The replay test reads testdata/<bundle>.yaml, "a copy of s3invmock's
		// fixtures/bundles/...": every package gets those copies, as a user makes them.
		bundles, err := filepath.Glob(filepath.Join(root, "fixtures", "bundles", "*.yaml"))
		Expect(err).NotTo(HaveOccurred())
		for i, s := range snippets {
			pkg := fmt.Sprintf("snippet%02d", i+1)
			legend = append(legend, fmt.Sprintf("%s: README.md line %d", pkg, s.line))
			Expect(os.MkdirAll(filepath.Join(dir, pkg, "testdata"), 0o755)).To(Succeed())
			Expect(os.WriteFile(filepath.Join(dir, pkg, "readme_test.go"), []byte(asFile(s.line, s.code)), 0o644)).To(Succeed())
			for _, b := range bundles {
				data, err := os.ReadFile(b)
				Expect(err).NotTo(HaveOccurred())
				Expect(os.WriteFile(filepath.Join(dir, pkg, "testdata", filepath.Base(b)), data, 0o644)).To(Succeed())
			}
		}
	})

	It("has Go snippets that all compile and pass go vet", func() {
		vet := exec.Command("go", "vet", "./...")
		vet.Dir = dir
		vet.Env = goEnv
		out, err := vet.CombinedOutput()
		Expect(err).NotTo(HaveOccurred(), "go vet of the README's Go snippets:\n%s\n%s", out, strings.Join(legend, "\n"))

		// Then every snippet runs, all packages in one go test (one build of the
		// dependencies); the specs below read each package's outcome.
		test := exec.Command("go", "test", "-json", "-count=1", "./...")
		test.Dir = dir
		test.Env = goEnv
		var stdout bytes.Buffer
		test.Stdout, test.Stderr = &stdout, GinkgoWriter
		_ = test.Run() // a failure is read from the events, per snippet
		sc := bufio.NewScanner(&stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var e testEvent
			if json.Unmarshal(sc.Bytes(), &e) != nil || e.Package == "" {
				continue
			}
			o := outcomes[e.Package]
			if o == nil {
				o = &outcome{}
				outcomes[e.Package] = o
			}
			o.output.WriteString(e.Output)
			switch {
			case e.Test == "":
			case e.Action == "pass":
				o.passed = append(o.passed, e.Test)
			case e.Action == "fail":
				o.failed = append(o.failed, e.Test)
			}
		}
	})

	for i, s := range snippets {
		pkg := fmt.Sprintf("readme.example/snippet%02d", i+1)
		name := fmt.Sprintf("TestSnippet_L%d", s.line)
		if m := regexp.MustCompile(`(?m)^func (Test\w+)\(`).FindStringSubmatch(s.code); m != nil {
			name = m[1]
		}
		It(fmt.Sprintf("runs the snippet at README.md:%d as %s", s.line, name), func() {
			o := outcomes[pkg]
			Expect(o).NotTo(BeNil(), "go test said nothing of %s", pkg)
			Expect(o.failed).To(BeEmpty(), "README.md:%d (%s):\n%s", s.line, pkg, o.output.String())
			Expect(o.passed).To(ContainElement(name), "README.md:%d (%s):\n%s", s.line, pkg, o.output.String())
		})
	}
})
