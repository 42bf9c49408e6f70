package orders

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func Get(ctx context.Context, db *sql.DB, id int64) (string, error) {
	var status string
	err := db.QueryRowContext(ctx, "SELECT status FROM orders WHERE id = $1", id).Scan(&status)
	return status, err
}
