package settings

import (
	"encoding/json"
	"os"
)

type Settings struct {
	Port int    `json:"port"`
	Mode string `json:"mode"`
}

func Load(path string) Settings {
	var s Settings
	data, _ := os.ReadFile(path)
	json.Unmarshal(data, &s)
	return s
}
