package pool

import "sync"

func Process(jobs []string, handle func(string) error) []error {
	var errs []error
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(job string) {
			defer wg.Done()
			if err := handle(job); err != nil {
				errs = append(errs, err)
			}
		}(j)
	}
	wg.Wait()
	return errs
}
