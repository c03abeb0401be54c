package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// writeSnapshot writes st to path atomically: a temporary file in the same directory,
// synced, then renamed over path, so that a reader (or a crash) never sees half a
// snapshot. A path ending in .json gets JSON, any other YAML.
func writeSnapshot(path string, st *mock.State) error {
	var data []byte
	var err error
	if strings.EqualFold(filepath.Ext(path), ".json") {
		data, err = st.JSON()
	} else {
		data, err = st.YAML()
	}
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// readStateFile reads and parses a seed or snapshot; exists is false when the file
// is not there.
func readStateFile(path string) (st *mock.State, exists bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	if err != nil {
		return nil, true, err
	}
	st, err = mock.ParseState(data)
	return st, true, err
}
