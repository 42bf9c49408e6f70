package export

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"sync"
)

type Row struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ExportAll writes every tenant's rows to its own file, concurrently.
func ExportAll(db *sql.DB, tenants []string, dir string) []error {
	var wg sync.WaitGroup
	var failures []error
	for _, tenant := range tenants {
		wg.Add(1)
		go func(t string) {
			defer wg.Done()
			if err := exportOne(db, t, dir+"/"+t+".json"); err != nil {
				failures = append(failures, err) // wfc-expect: correctness high
			}
		}(tenant)
	}
	wg.Wait()
	return failures
}

func exportOne(db *sql.DB, tenant, path string) error {
	rows, err := db.Query("SELECT id, name FROM items WHERE tenant = $1", tenant)
	if err != nil {
		return err
	}
	defer rows.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for rows.Next() {
		var r Row
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return err
		}
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		f.Write(append(b, '\n')) // wfc-expect: reliability medium
	}
	return rows.Err()
}

// ServeStatus reports the export directory's state.
func ServeStatus(dir string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]int{"files": len(entries)}) // wfc-expect: reliability medium
	}
}
