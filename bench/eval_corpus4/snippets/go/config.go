package config

import (
	"encoding/json"
	"os"
)

type Config struct {
	Addr    string `json:"addr"`
	Workers int    `json:"workers"`
}

func Load(path string) Config {
	data, _ := os.ReadFile(path)
	var cfg Config
	json.Unmarshal(data, &cfg)
	return cfg
}
