package items

import (
	"database/sql"
	"net/http"
)

func ListItems(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		owner := r.URL.Query().Get("owner")
		rows, err := db.Query("SELECT id, name FROM items WHERE owner = '" + owner + "'")
		if err != nil {
			http.Error(w, "db error", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		w.WriteHeader(http.StatusOK)
	}
}
