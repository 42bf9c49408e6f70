package store

import (
	"context"
	"database/sql"
)

type Account struct {
	ID    int64
	Email string
}

func AccountByEmail(ctx context.Context, db *sql.DB, email string) (*Account, error) {
	var a Account
	err := db.QueryRowContext(ctx, "SELECT id, email FROM accounts WHERE email = $1", email).Scan(&a.ID, &a.Email)
	if err != nil {
		return nil, err
	}
	return &a, nil
}
