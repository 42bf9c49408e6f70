package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
)

func FindUser(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("name")
		rows, err := db.Query(fmt.Sprintf("SELECT id, email FROM users WHERE name = '%s'", name))
		if err != nil {
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		fmt.Fprintln(w, "ok")
	}
}
