package store

import (
	"database/sql"
	"net/http"
)

func UserByName(db *sql.DB, r *http.Request) (*sql.Rows, error) {
	name := r.URL.Query().Get("name")
	return db.Query("SELECT id, email FROM users WHERE name = '" + name + "'")
}
