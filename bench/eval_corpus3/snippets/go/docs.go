package docs

import (
	"net/http"
	"os"
	"path/filepath"
)

const root = "/srv/docs"

func Serve(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("f")
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}
