package invoices

import (
	"database/sql"
	"fmt"
	"net/http"
)

func Handler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		customer := r.URL.Query().Get("customer")
		q := fmt.Sprintf("SELECT id, amount FROM invoices WHERE customer = '%s'", customer)
		rows, err := db.Query(q)
		if err != nil {
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		fmt.Fprintln(w, "ok")
	}
}
