package client

import (
	"crypto/tls"
	"net/http"
	"time"
)

func NewInternalClient() *http.Client {
	transport := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: transport, Timeout: 10 * time.Second}
}
