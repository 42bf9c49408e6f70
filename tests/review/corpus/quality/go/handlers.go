package api

import (
	"database/sql"
	"encoding/json"
	"io/ioutil"
	"net/http"
	"os"
)

type Server struct {
	db *sql.DB
}

func (s *Server) Orders(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	var out []map[string]any
	for _, id := range ids {
		rows, err := s.db.Query("SELECT id, total FROM orders WHERE id = $1", id) // wfc-expect: performance medium
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		for rows.Next() {
			var oid string
			var total int
			rows.Scan(&oid, &total)
			out = append(out, map[string]any{"id": oid, "total": total})
		}
	}
	json.NewEncoder(w).Encode(out)
}

func (s *Server) Config(w http.ResponseWriter, r *http.Request) {
	data, _ := ioutil.ReadFile("/etc/app/config.json") // wfc-expect: reliability medium
	w.Write(data)
}

func (s *Server) Proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Post(os.Getenv("UPSTREAM"), "application/json", r.Body) // wfc-expect: reliability medium
	if err != nil {
		http.Error(w, "upstream failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}
