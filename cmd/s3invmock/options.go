package main

import (
	"log/slog"

	"github.com/s3invmock/s3invmock/mock"
)

// mockOptions is the one mapping from the sidecar's settings to the fake's options,
// shared by serve and record; each command adds what only it sets (the scenario hook
// and signature mode for serve, capture always on for record).
func mockOptions(cfg Config, log *slog.Logger) []mock.Option {
	opts := []mock.Option{
		mock.WithRegion(cfg.Region),
		mock.WithOnRequest(requestLog(log)),
		mock.WithCapture(cfg.Capture),
		mock.WithCaptureBudget(cfg.CaptureBudget),
		mock.WithMaxBuckets(cfg.MaxBuckets),
		mock.WithRowsPerFile(cfg.RowsPerFile),
		mock.WithDeliveryAt(cfg.DeliveryAt),
		mock.WithDeliveryLag(cfg.DeliveryLag),
		mock.WithInitialDelay(cfg.InitialDelay),
	}
	if !cfg.Clock.IsZero() {
		opts = append(opts, mock.WithSimulatedClock(cfg.Clock))
	}
	if cfg.Hosts != nil {
		opts = append(opts, mock.WithHosts(cfg.Hosts...))
	}
	return opts
}
