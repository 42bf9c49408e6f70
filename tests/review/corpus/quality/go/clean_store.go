package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

type Note struct {
	ID    int64
	Title string
}

type Store struct {
	db *sql.DB
}

func (s *Store) Get(ctx context.Context, id int64) (Note, error) {
	var n Note
	err := s.db.QueryRowContext(ctx, "SELECT id, title FROM notes WHERE id = $1", id).Scan(&n.ID, &n.Title)
	if errors.Is(err, sql.ErrNoRows) {
		return Note{}, ErrNotFound
	}
	if err != nil {
		return Note{}, fmt.Errorf("get note %d: %w", id, err)
	}
	return n, nil
}

func (s *Store) List(ctx context.Context, limit int) ([]Note, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, title FROM notes ORDER BY id LIMIT $1", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Note
	for rows.Next() {
		var n Note
		if err := rows.Scan(&n.ID, &n.Title); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
