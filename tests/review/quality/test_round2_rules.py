"""Rules from the second evaluation: migration hazards in SQL, Go errors dropped by bare calls,
Go goroutines racing on captured slices/maps, Python division by an unguarded len()."""

from __future__ import annotations

from pathlib import Path

from tests.review.quality.helpers import review


def _hits(tmp_path: Path, role: str, rel: str, text: str, rule: str) -> list[tuple[int, str]]:
    out = review(tmp_path, role, rel, text, raw=True)
    return [(f.line or 0, f.severity) for f in out.findings if f.rule_id == rule]


TX = "WFC-COR-SQL-NOT-IN-TRANSACTION"
NN = "WFC-COR-SQL-NOT-NULL-NO-DEFAULT"


def test_concurrent_index_inside_transaction_block(tmp_path: Path) -> None:
    bad = (
        "BEGIN;\n"
        "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n"
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_idx ON orders (shipped_at);\n"
        "COMMIT;\n"
        "START TRANSACTION;\nVACUUM ANALYZE orders;\nCOMMIT;\n"
    )
    assert _hits(tmp_path, "correctness", "db/001.sql", bad, TX) == [(3, "high"), (6, "high")]


def test_concurrent_index_outside_transaction_is_fine(tmp_path: Path) -> None:
    good = (
        "BEGIN;\nALTER TABLE orders ADD COLUMN shipped_at timestamptz;\nCOMMIT;\n\n"
        "CREATE INDEX CONCURRENTLY orders_idx ON orders (shipped_at);\nVACUUM orders;\n"
        "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at = now();\n"
        "  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n"
        "DROP INDEX CONCURRENTLY IF EXISTS old_idx;\n"
    )
    assert _hits(tmp_path, "correctness", "db/002.sql", good, TX) == []


def test_not_null_column_without_default_on_existing_table(tmp_path: Path) -> None:
    bad = (
        "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;\n"
        "ALTER TABLE users\n  ADD COLUMN a int,\n  ADD COLUMN b text NOT NULL;\n"
    )
    assert _hits(tmp_path, "correctness", "db/003.sql", bad, NN) == [(1, "medium"), (2, "medium")]
    good = (
        "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;\n"
        "ALTER TABLE users ADD COLUMN note text;\n"
        "ALTER TABLE users ADD CONSTRAINT u_email UNIQUE (email);\n"
        "ALTER TABLE users ALTER COLUMN note SET NOT NULL;\n"
        "CREATE TABLE audit (id bigserial PRIMARY KEY);\n"
        "ALTER TABLE audit ADD COLUMN actor text NOT NULL;\n"
        "ALTER TABLE users ADD COLUMN n int NOT NULL GENERATED ALWAYS AS (1) STORED;\n"
    )
    assert _hits(tmp_path, "correctness", "db/004.sql", good, NN) == []


UNCHECKED = "WFC-REL-GO-UNCHECKED-ERROR"
RACE = "WFC-COR-GO-DATA-RACE"


def test_go_bare_calls_dropping_errors(tmp_path: Path) -> None:
    bad = """package files

import (
	"encoding/json"
	"net/http"
	"os"
)

func Save(path string, data []byte, w http.ResponseWriter, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	f.Write(data)
	os.Remove(path + ".tmp")
	json.NewEncoder(w).Encode(v)
	w.Write([]byte("ok"))
	return f.Close()
}

func Move(db DB) {
	tx, _ := db.Begin()
	rows, _ := tx.Query("SELECT 1")
	rows.Close()
	tx.Rollback()
}
"""
    hits = _hits(tmp_path, "reliability", "svc/files.go", bad, UNCHECKED)
    assert hits == [
        (14, "medium"),
        (15, "medium"),
        (16, "medium"),
        (17, "medium"),
        (24, "medium"),
        (25, "medium"),
    ]


def test_go_infallible_writes_are_not_flagged(tmp_path: Path) -> None:
    good = """package text

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"strings"
)

func Render(items []string, h hash.Hash, out *strings.Builder) string {
	var buf bytes.Buffer
	var sb strings.Builder
	digest := sha256.New()
	acc := new(bytes.Buffer)
	for _, it := range items {
		buf.Write([]byte(it))
		sb.WriteString(it)
		digest.Write([]byte(it))
		h.Write([]byte(it))
		out.WriteString(it)
		acc.WriteString(it)
		fmt.Println(it)
	}
	defer func() { _ = recover() }()
	return buf.String() + sb.String() + fmt.Sprint(digest.Sum(nil))
}
"""
    assert _hits(tmp_path, "reliability", "svc/text.go", good, UNCHECKED) == []


def test_go_goroutine_appending_to_shared_slice(tmp_path: Path) -> None:
    bad = """package notify

import "sync"

func SendAll(users []string, send func(string) error) []error {
	var wg sync.WaitGroup
	errs := make([]error, 0)
	seen := make(map[string]bool)
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen[u] = true
			if err := send(u); err != nil {
				errs = append(errs, err)
			}
		}()
	}
	wg.Wait()
	return errs
}
"""
    assert _hits(tmp_path, "correctness", "svc/notify.go", bad, RACE) == [(13, "high")]


def test_go_goroutines_with_lock_channel_or_index_are_clean(tmp_path: Path) -> None:
    good = """package notify

import "sync"

func SendAll(users []string, send func(string) error) []error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	results := make([]error, len(users))
	ch := make(chan error, len(users))
	for i, u := range users {
		wg.Add(3)
		go func() {
			defer wg.Done()
			if err := send(u); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
		go func(i int) {
			defer wg.Done()
			results[i] = send(u)
		}(i)
		go func() {
			defer wg.Done()
			var local []error
			local = append(local, send(u))
			ch <- local[0]
		}()
	}
	wg.Wait()
	return append(errs, results...)
}

func Once(send func() error) []error {
	var errs []error
	done := make(chan struct{})
	go func() {
		errs = append(errs, send())
		close(done)
	}()
	<-done
	return errs
}
"""
    assert _hits(tmp_path, "correctness", "svc/notify_ok.go", good, RACE) == []


DIV = "WFC-COR-DIV-BY-LEN"


def test_division_by_len_of_unchecked_argument(tmp_path: Path) -> None:
    bad = (
        "def average(values):\n"
        "    total = 0\n"
        "    for v in values:\n"
        "        total += v\n"
        "    return total / len(values)\n\n\n"
        "def mean_size(items):\n"
        "    count = len(items)\n"
        "    size = sum(i.size for i in items) // count\n"
        "    if not items:\n"
        "        raise ValueError('empty')\n"
        "    return size\n"
    )
    hits = _hits(tmp_path, "correctness", "app/stats.py", bad, DIV)
    assert hits == [(5, "medium"), (10, "low")]


def test_guarded_divisions_by_len_are_clean(tmp_path: Path) -> None:
    good = (
        "def a(values):\n    if not values:\n        return 0.0\n    return sum(values) / len(values)\n\n"
        "def b(values):\n    return sum(values) / max(len(values), 1)\n\n"
        "def c(values):\n    return sum(values) / len(values) if values else 0.0\n\n"
        "def d(values):\n    n = len(values)\n    if n == 0:\n        return 0\n    return 10 / n\n\n"
        "def e(values):\n    try:\n        return sum(values) / len(values)\n"
        "    except ZeroDivisionError:\n        return 0\n\n"
        "def f(values):\n    assert values\n    return sum(values) / len(values)\n\n"
        "def g(values):\n    data = [1, 2]\n    return sum(data) / len(data) + len(values) / 2\n\n"
        "def h(values):\n    return values and sum(values) / len(values)\n\n"
        "def percent(part, whole):\n    if whole == 0:\n        return 0.0\n"
        "    return 100.0 * part / whole\n"
    )
    assert _hits(tmp_path, "correctness", "app/stats_ok.py", good, DIV) == []


def test_go_regexp_built_from_loop_data_and_reparse_are_low(tmp_path: Path) -> None:
    code = """package mux

import (
	"net/url"
	"regexp"
)

func Compile(patterns []string, raw *url.URL) ([]*regexp.Regexp, *url.URL) {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile("^" + p + "$")
		word := regexp.MustCompile(`\\w+`)
		_ = word
	}
	u, _ := url.Parse(raw.String())
	v, _ := url.Parse(patterns[0])
	_ = v
	return out, u
}
"""
    out = review(tmp_path, "performance", "svc/mux.go", code, raw=True)
    assert [
        (f.line, f.severity) for f in out.findings if f.rule_id == "WFC-PERF-REGEX-IN-LOOP"
    ] == [
        (11, "low"),
        (12, "medium"),
    ]
    rel = _hits(tmp_path, "reliability", "svc/mux.go", code, "WFC-REL-GO-IGNORED-ERROR")
    assert rel == [(15, "low"), (16, "medium")]
