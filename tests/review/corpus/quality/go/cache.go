package cache

import (
	"encoding/json"
	"os"
	"sync"
)

type Store struct {
	mu    sync.Mutex
	items map[string][]byte
	path  string
}

func (s *Store) Get(key string) ([]byte, bool) {
	s.mu.Lock() // wfc-expect: reliability medium
	v, ok := s.items[key]
	if !ok {
		return nil, false
	}
	s.mu.Unlock()
	return v, true
}

func (s *Store) Save() {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, _ := json.Marshal(s.items) // wfc-expect: reliability medium
	os.WriteFile(s.path, data, 0o600) // wfc-expect: reliability medium
}

func (s *Store) Load() error {
	data, err := os.ReadFile(s.path)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return json.Unmarshal(data, &s.items)
}
