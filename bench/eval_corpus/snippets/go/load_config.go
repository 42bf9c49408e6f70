package config

import (
	"encoding/json"
	"os"
)

type Config struct {
	Port int    `json:"port"`
	Env  string `json:"env"`
}

func Load(path string) Config {
	f, _ := os.Open(path)
	defer f.Close()
	var cfg Config
	json.NewDecoder(f).Decode(&cfg)
	return cfg
}
