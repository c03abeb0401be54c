package main

import (
	"errors"
	"strconv"
	"strings"
)

// byteUnits are the suffixes a byte count may carry, binary as the Go option's
// default (64 MiB) is written.
var byteUnits = []struct {
	suffix string
	factor int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

// setRecordMaxBody reads -record-max-body, a byte count like -capture-budget. Choice
// of the default, 1 MiB: the fake refuses larger bodies itself
// (MaxMessageLengthExceeded), so a replay never needs one, and the recorder holds at
// most that per request.
func setRecordMaxBody(c *Config, v string) error {
	n, err := parseByteCount(v)
	if err != nil {
		return err
	}
	c.RecordMaxBody = n
	return nil
}

// setMaxBuckets reads -max-buckets: how many buckets the fake holds, at least 1.
func setMaxBuckets(c *Config, v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return errors.New("is not a whole number of buckets, at least 1")
	}
	c.MaxBuckets = n
	return nil
}

// setRowsPerFile reads -rows-per-file: the rows of one delivered data file, at least 1.
func setRowsPerFile(c *Config, v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return errors.New("is not a whole number of rows, at least 1")
	}
	c.RowsPerFile = n
	return nil
}

// setCaptureBudget reads -capture-budget: a whole number of bytes, with an optional
// B, KiB, MiB or GiB suffix ("64MiB"); 0 keeps no bodies.
func setCaptureBudget(c *Config, v string) error {
	n, err := parseByteCount(v)
	if err != nil {
		return err
	}
	c.CaptureBudget = n
	return nil
}

func parseByteCount(v string) (int64, error) {
	num, factor := strings.TrimSpace(v), int64(1)
	for _, u := range byteUnits {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, factor = strings.TrimSpace(rest), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/factor {
		return 0, errors.New("is not a byte count like 64MiB, 512KiB or 1048576 (0 to 4EiB)")
	}
	return n * factor, nil
}
