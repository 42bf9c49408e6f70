package profile

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("p").Parse(`<div class="bio">{{.}}</div>`))

func Preview(w http.ResponseWriter, r *http.Request) {
	bio := template.HTML(r.FormValue("bio"))
	page.Execute(w, bio)
}
