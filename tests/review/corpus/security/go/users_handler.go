package handlers

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
)

type UserHandler struct {
	DB *sql.DB
}

func (h *UserHandler) Get(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	query := fmt.Sprintf("SELECT id, name FROM users WHERE id = '%s'", id)
	rows, err := h.DB.Query(query) // wfc-expect: security critical
	if err != nil {
		http.Error(w, "db error", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	json.NewEncoder(w).Encode(map[string]bool{"ok": rows.Next()})
}

func (h *UserHandler) GetSafe(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	row := h.DB.QueryRow("SELECT id, name FROM users WHERE id = $1", id)
	var name string
	var uid int
	if err := row.Scan(&uid, &name); err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"name": name})
}
