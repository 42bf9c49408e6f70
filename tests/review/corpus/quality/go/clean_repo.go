package repo

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

var slugPattern = regexp.MustCompile(`[^a-z0-9]+`)

type Product struct {
	ID   int64
	Name string
}

func Slug(name string) string {
	return strings.Trim(slugPattern.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

func ProductsByID(ctx context.Context, db *sql.DB, ids []int64) (map[int64]Product, error) {
	if len(ids) == 0 {
		return map[int64]Product{}, nil
	}
	placeholders := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		placeholders[i] = fmt.Sprintf("$%d", i+1)
		args[i] = id
	}
	query := "SELECT id, name FROM products WHERE id IN (" + strings.Join(placeholders, ",") + ")"
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]Product, len(ids))
	for rows.Next() {
		var p Product
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return nil, err
		}
		out[p.ID] = p
	}
	return out, rows.Err()
}
