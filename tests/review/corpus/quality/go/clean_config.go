package config

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

type Config struct {
	Addr         string
	ReadTimeout  time.Duration
	MaxBodyBytes int64
}

func FromEnv() (Config, error) {
	cfg := Config{Addr: ":8080", ReadTimeout: 15 * time.Second, MaxBodyBytes: 1 << 20}
	if v, ok := os.LookupEnv("APP_ADDR"); ok {
		cfg.Addr = v
	}
	if v, ok := os.LookupEnv("APP_READ_TIMEOUT"); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			return cfg, fmt.Errorf("APP_READ_TIMEOUT: %w", err)
		}
		cfg.ReadTimeout = d
	}
	if v, ok := os.LookupEnv("APP_MAX_BODY_BYTES"); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return cfg, fmt.Errorf("APP_MAX_BODY_BYTES must be a positive integer, got %q", v)
		}
		cfg.MaxBodyBytes = n
	}
	return cfg, nil
}
