package main

import (
	"io"
	"net/http"
)

func fetchHandler(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	resp, err := http.Get(target) // wfc-expect: security high
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func statusHandler(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://status.example.com/api/health")
	if err != nil {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
