package client

import (
	"crypto/tls"
	"net/http"
	"time"
)

func NewInsecureClient() *http.Client {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // wfc-expect: security medium
	}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

func NewClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second}
}
