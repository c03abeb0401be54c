package yamldoc_test

import (
	"errors"
	"fmt"

	"github.com/s3invmock/s3invmock/mock/yamldoc"
)

func Example() {
	_, err := yamldoc.Read([]byte("rules:\n  - {name: a, name: b}\n"))
	var de *yamldoc.Error
	if errors.As(err, &de) {
		fmt.Printf("line %d: %s\n", de.Line, de.Message)
	}
	// Output: line 2: key "name" is given twice in this mapping (first on line 2)
}
