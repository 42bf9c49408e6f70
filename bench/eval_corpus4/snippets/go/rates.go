package rates

import (
	"encoding/json"
	"net/http"
)

type Rate struct {
	Code  string  `json:"code"`
	Value float64 `json:"value"`
}

func Fetch(url string) ([]Rate, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	var out []Rate
	err = json.NewDecoder(resp.Body).Decode(&out)
	return out, err
}
