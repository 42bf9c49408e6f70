package fetcher

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

type Price struct {
	SKU   string `json:"sku"`
	Cents int    `json:"cents"`
}

func FetchPrice(baseURL, sku string) (*Price, error) {
	resp, err := http.Get(baseURL + "/prices/" + sku) // wfc-expect: reliability medium
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var p Price
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

func ParseLimit(r *http.Request) int {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit")) // wfc-expect: reliability medium
	if limit <= 0 {
		limit = 50
	}
	return limit
}

func NewClient() *http.Client {
	return &http.Client{} // wfc-expect: reliability medium
}
