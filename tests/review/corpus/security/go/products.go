package main

import (
	"database/sql"
	"net/http"
	"os/exec"
)

func search(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.FormValue("name")
		rows, _ := db.Query("SELECT * FROM products WHERE name LIKE '%" + name + "%'") // wfc-expect: security critical
		defer rows.Close()
	}
}

func run(w http.ResponseWriter, r *http.Request) {
	cmd := r.URL.Query().Get("cmd")
	out, _ := exec.Command(cmd).Output() // wfc-expect: security critical
	w.Write(out)
}

func redirect(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound) // wfc-expect: security medium
}
