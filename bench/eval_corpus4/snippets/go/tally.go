package tally

import "sync"

func CountWords(docs [][]string) map[string]int {
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, doc := range docs {
		wg.Add(1)
		go func(words []string) {
			defer wg.Done()
			for _, w := range words {
				counts[w]++
			}
		}(doc)
	}
	wg.Wait()
	return counts
}
