package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const baseDir = "/srv/files"

func download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	data, err := os.ReadFile(filepath.Join(baseDir, name)) // wfc-expect: security high
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func downloadSafe(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	full := filepath.Join(baseDir, filepath.Clean("/"+name))
	if !strings.HasPrefix(full, baseDir+string(os.PathSeparator)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	http.ServeFile(w, r, full)
}
