package worker

import "sync"

type Counter struct {
	mu    sync.Mutex
	total map[string]int
}

func (c *Counter) Add(key string, n int) {
	c.mu.Lock()
	c.total[key] += n
	c.mu.Unlock()
}

func (c *Counter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.total))
	for k, v := range c.total {
		out[k] = v
	}
	return out
}
