package lookup

import (
	"context"
	"database/sql"
	"time"
)

func Name(db *sql.DB, id int64) (string, error) {
	ctx, _ := context.WithTimeout(context.Background(), 2*time.Second)
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}
