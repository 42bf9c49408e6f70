package worker

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"
)

type Task func(ctx context.Context) error

type Pool struct {
	mu      sync.Mutex
	running int
	errs    []error
}

func (p *Pool) Run(ctx context.Context, tasks []Task, workers int) error {
	var wg sync.WaitGroup
	ch := make(chan Task)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range ch {
				p.exec(ctx, t)
			}
		}()
	}
	for _, t := range tasks {
		select {
		case ch <- t:
		case <-ctx.Done():
			close(ch)
			wg.Wait()
			return ctx.Err()
		}
	}
	close(ch)
	wg.Wait()
	return errors.Join(p.errs...)
}

func (p *Pool) exec(ctx context.Context, t Task) {
	p.mu.Lock()
	p.running++
	p.mu.Unlock()
	start := time.Now()
	err := t(ctx)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.running--
	if err != nil {
		log.Printf("task failed after %s: %v", time.Since(start), err)
		p.errs = append(p.errs, err)
	}
}
