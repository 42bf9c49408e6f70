package retry

import (
	"context"
	"math/rand"
	"time"
)

// Do calls fn until it succeeds, with jittered exponential backoff.
func Do(ctx context.Context, attempts int, fn func() error) error {
	var err error
	delay := 100 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		jitter := time.Duration(rand.Int63n(int64(delay / 2)))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay + jitter):
		}
		delay *= 2
	}
	return err
}
