package client

import (
	"crypto/tls"
	"net/http"
	"time"
)

func NewClient() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}
