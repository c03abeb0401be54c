package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/s3invmock/s3invmock/mock"
)

// snapshotMode is the permission of a snapshot: owner only, because a snapshot holds
// the identity directory's secret access keys.
const snapshotMode = 0o600

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
	// CreateTemp makes 0600 already; the chmod states it and overrides an odd umask.
	if err := os.Chmod(tmp.Name(), snapshotMode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// checkStateDir makes sure a snapshot can be written beside path, by creating and
// removing a file there as writeSnapshot would: a directory that does not exist or
// cannot be written is otherwise found out only at exit, when the run's writes are lost.
func checkStateDir(path string) error {
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, "."+filepath.Base(path)+".probe-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the probe's random name would only confuse
		}
		return fmt.Errorf("cannot create a file in %s, where the snapshot goes: %w", dir, err)
	}
	name := probe.Name()
	probe.Close()
	return os.Remove(name)
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
