package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
)

// Checksums hashes every payload concurrently; results are written by index or under a lock.
func Checksums(payloads [][]byte) ([]string, map[string]int) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	sums := make([]string, len(payloads))
	sizes := make(map[string]int)
	for i, p := range payloads {
		wg.Add(1)
		go func(i int, p []byte) {
			defer wg.Done()
			h := sha256.New()
			h.Write(p)
			sum := hex.EncodeToString(h.Sum(nil))
			sums[i] = sum
			mu.Lock()
			sizes[sum] = len(p)
			mu.Unlock()
		}(i, p)
	}
	wg.Wait()
	return sums, sizes
}

// Summary renders a short report in memory.
func Summary(sums []string) string {
	var buf bytes.Buffer
	var sb strings.Builder
	for i, s := range sums {
		buf.WriteString(s)
		sb.WriteString(fmt.Sprintf("%d:%s\n", i, s[:8]))
	}
	fmt.Println(buf.Len())
	return sb.String()
}
