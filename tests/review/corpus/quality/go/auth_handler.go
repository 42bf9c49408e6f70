package web

import (
	"database/sql"
	"net/http"
)

type App struct {
	DB *sql.DB
}

func (a *App) Dashboard(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("session")
	if err != nil {
		http.Redirect(w, r, "/login", http.StatusFound) // wfc-expect: correctness medium
	}
	var name string
	row := a.DB.QueryRow("SELECT name FROM users WHERE session = $1", cookie.Value)
	err = row.Scan(&name) // wfc-expect: reliability medium
	w.Write([]byte("hello " + name))
}
