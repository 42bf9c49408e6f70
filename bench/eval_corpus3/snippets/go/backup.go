package backup

import (
	"net/http"
	"os/exec"
)

func Archive(w http.ResponseWriter, r *http.Request) {
	dir := r.FormValue("dir")
	out, err := exec.Command("sh", "-c", "tar czf /tmp/backup.tgz "+dir).CombinedOutput()
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.Write([]byte("ok"))
}
