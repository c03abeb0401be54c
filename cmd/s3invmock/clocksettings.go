package main

import (
	"errors"
	"time"

	"github.com/s3invmock/s3invmock/mock"
)

// setClock accepts an RFC 3339 instant; empty keeps the wall clock.
func setClock(c *Config, v string) error {
	if v == "" {
		c.Clock = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return errors.New("want an RFC 3339 time such as 2026-12-01T00:00:00Z")
	}
	c.Clock = t.UTC()
	return nil
}

func setDeliveryAt(c *Config, v string) error {
	d, err := mock.ParseDeliveryAt(v)
	if err != nil {
		return errors.New("want a time of day HH:MM (UTC) such as 01:00")
	}
	c.DeliveryAt = d
	return nil
}

func setDeliveryLag(c *Config, v string) error { return nonNegative(&c.DeliveryLag, v) }

func setInitialDelay(c *Config, v string) error { return nonNegative(&c.InitialDelay, v) }

func nonNegative(dst *time.Duration, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return errors.New("want a Go duration that is not negative, such as 0s, 90m or 20h")
	}
	*dst = d
	return nil
}
