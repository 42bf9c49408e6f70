package webhook

import (
	"bytes"
	"net/http"
	"time"
)

type Sender struct {
	client *http.Client
	url    string
}

func NewSender(url string) *Sender {
	return &Sender{client: &http.Client{Transport: http.DefaultTransport}, url: url} // wfc-expect: reliability medium
}

func (s *Sender) Send(payload []byte) error {
	resp, err := s.client.Post(s.url, "application/json", bytes.NewReader(payload)) // wfc-expect: reliability medium
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return &StatusError{Code: resp.StatusCode}
	}
	return nil
}

type StatusError struct{ Code int }

func (e *StatusError) Error() string { return http.StatusText(e.Code) }

func Backoff(attempt int) time.Duration {
	return time.Duration(attempt*attempt) * 100 * time.Millisecond
}
