package main

import (
	"database/sql"
	"net/http"
	"os/exec"
	"strconv"
)

func search(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rows, _ := db.Query("SELECT * FROM products WHERE name LIKE $1", "%"+r.FormValue("name")+"%")
		defer rows.Close()
	}
}

func list(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil {
		return
	}
	out, _ := exec.Command("ls", "-n", strconv.Itoa(n)).Output()
	w.Write(out)
}
