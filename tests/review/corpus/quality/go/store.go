package store

import (
	"context"
	"database/sql"
	"regexp"
	"time"
)

type User struct {
	ID    int64
	Email string
}

func LoadUsers(ctx context.Context, db *sql.DB, ids []int64) ([]User, error) {
	users := make([]User, 0, len(ids))
	for _, id := range ids {
		row := db.QueryRowContext(ctx, "SELECT id, email FROM users WHERE id = $1", id) // wfc-expect: performance medium
		var u User
		if err := row.Scan(&u.ID, &u.Email); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, nil
}

func ValidEmails(emails []string) []string {
	var out []string
	for _, e := range emails {
		re := regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[a-z]+$`) // wfc-expect: performance medium
		if re.MatchString(e) {
			out = append(out, e)
		}
	}
	return out
}

func Touch(db *sql.DB, id int64) {
	ctx, _ := context.WithTimeout(context.Background(), 2*time.Second) // wfc-expect: reliability medium
	_, err := db.ExecContext(ctx, "UPDATE users SET seen_at = now() WHERE id = $1", id)
	if err != nil {
	} // wfc-expect: reliability medium
}
