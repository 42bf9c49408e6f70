package notify

import "sync"

func SendAll(users []string, send func(string) error) []error {
	var wg sync.WaitGroup
	errs := make([]error, 0)
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := send(u); err != nil {
				errs = append(errs, err)
			}
		}()
	}
	wg.Wait()
	return errs
}
