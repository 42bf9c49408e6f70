package main

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
)

func greet(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name) // wfc-expect: security high
}

func greetSafe(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
}

func bio(w http.ResponseWriter, r *http.Request) {
	tmpl := template.Must(template.New("bio").Parse("<div>{{.}}</div>"))
	tmpl.Execute(w, template.HTML(r.FormValue("bio"))) // wfc-expect: security high
}
