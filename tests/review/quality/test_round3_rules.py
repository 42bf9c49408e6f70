"""Rules from the third evaluation: Go map writes by ++/+=/delete in goroutines, JS numeric
sorts without a comparator, and the look-alikes each must leave alone."""

from __future__ import annotations

from pathlib import Path

from tests.review.quality.helpers import review


def _hits(tmp_path: Path, role: str, rel: str, text: str, rule: str) -> list[tuple[int, str]]:
    out = review(tmp_path, role, rel, text, raw=True)
    return [(f.line or 0, f.severity) for f in out.findings if f.rule_id == rule]


RACE = "WFC-COR-GO-DATA-RACE"


def _counter(stmt: str, guard: str = "", decl: str = "counts := map[string]int{}") -> str:
    return f"""package words

import "sync"

func Count(ws []string) map[string]int {{
	var wg sync.WaitGroup
	var mu sync.Mutex
	{decl}
	for _, w := range ws {{
		wg.Add(1)
		go func(w string) {{
			defer wg.Done()
			{guard}
			{stmt}
		}}(w)
	}}
	wg.Wait()
	_ = mu
	return counts
}}
"""


def test_go_goroutine_map_increment_add_and_delete_race(tmp_path: Path) -> None:
    for stmt in ("counts[w]++", "counts[w] += len(w)", "counts[w]--", "delete(counts, w)"):
        assert _hits(tmp_path, "correctness", "svc/words.go", _counter(stmt), RACE) == [(14, "high")], stmt


def test_go_goroutine_map_updates_with_guards_are_clean(tmp_path: Path) -> None:
    for stmt in ("counts[w]++", "counts[w] += len(w)", "delete(counts, w)"):
        locked = _counter(stmt, guard="mu.Lock(); defer mu.Unlock()")
        assert _hits(tmp_path, "correctness", "svc/words.go", locked, RACE) == [], stmt
        atomic = _counter(stmt, guard="atomic.AddInt64(&total, 1)")
        assert _hits(tmp_path, "correctness", "svc/words.go", atomic, RACE) == [], stmt
        chan = _counter(stmt, guard="<-sem")
        assert _hits(tmp_path, "correctness", "svc/words.go", chan, RACE) == [], stmt
        local = _counter(stmt, guard="counts := map[string]int{}")
        assert _hits(tmp_path, "correctness", "svc/words.go", local, RACE) == [], stmt
    # slice element writes are the safe indexed pattern, not map writes
    slice_ = _counter("counts[0]++", decl="counts := make([]int, 4)")
    assert _hits(tmp_path, "correctness", "svc/words.go", slice_, RACE) == []


SORT = "WFC-COR-JS-NUMERIC-SORT"


def test_js_numeric_sort_without_comparator(tmp_path: Path) -> None:
    bad_ts = """export function p95(latencies: number[]): number {
  const sorted = [...latencies].sort();
  return sorted[Math.floor(sorted.length * 0.95)];
}

export class Timer {
  private samples: number[] = [];
  median(): number {
    this.samples.sort();
    return this.samples[this.samples.length >> 1];
  }
}
"""
    assert _hits(tmp_path, "correctness", "src/stats.ts", bad_ts, SORT) == [
        (2, "medium"),
        (9, "medium"),
    ]
    bad_js = """const runs = [];
for (const job of jobs) {
  const start = Date.now();
  job();
  runs.push(Date.now() - start);
}
runs.sort();
const durationsMs = collect();
const fastest = durationsMs.slice().sort()[0];
"""
    assert _hits(tmp_path, "correctness", "src/bench.js", bad_js, SORT) == [
        (7, "medium"),
        (9, "medium"),
    ]


def test_js_sorts_of_strings_typed_arrays_or_with_comparator_are_clean(tmp_path: Path) -> None:
    good = """export function order(names: string[], ids: string[], latencies: number[]) {
  names.sort();
  ids.sort();
  latencies.sort((a, b) => a - b);
  const sizes = ["S", "M", "L"];
  sizes.sort();
  const buf = new Float64Array(8);
  buf.sort();
  const keys = Object.keys(registry).sort();
  const tags = [];
  tags.push("x");
  tags.sort();
  return [names, ids, latencies, sizes, buf, keys, tags];
}
"""
    assert _hits(tmp_path, "correctness", "src/order.ts", good, SORT) == []


MEMBER = "WFC-PERF-LIST-MEMBERSHIP"


def test_small_dedup_list_membership_is_low(tmp_path: Path) -> None:
    code = """def list_domains(jar):
    domains = []
    for cookie in iter(jar):
        if cookie.domain not in domains:
            domains.append(cookie.domain)
    return domains


def paths(jar):
    names = ["a", "b"]
    out = []
    for cookie in jar:
        if cookie.name in names:
            out.append(cookie.path)
    return out
"""
    assert _hits(tmp_path, "performance", "lib/cookies.py", code, MEMBER) == [
        (4, "low"),
        (13, "low"),
    ]


def test_large_list_membership_is_medium(tmp_path: Path) -> None:
    code = """def merge(cur, batches):
    known = [row[0] for row in cur.fetchall()]
    fresh = []
    for batch in batches:
        for item in batch:
            if item not in fresh:
                fresh.append(item)
            if item in known:
                continue
    return fresh
"""
    assert _hits(tmp_path, "performance", "lib/merge.py", code, MEMBER) == [
        (6, "medium"),
        (8, "medium"),
    ]


UNCHECKED = "WFC-REL-GO-UNCHECKED-ERROR"


def test_go_writes_that_cannot_report_errors_are_not_medium(tmp_path: Path) -> None:
    code = """package money

import (
	"fmt"
	"io"
	"os"
)

type Amount struct{ cents int64 }

func (a Amount) Format(s fmt.State, verb rune) {
	io.WriteString(s, "$")
	fmt.Fprintf(s, "%d", a.cents)
	s.Write([]byte("."))
}

func (a Amount) Dump(w io.Writer) {
	io.WriteString(w, "amount")
	w.Write([]byte("."))
}

func (a Amount) Save(w io.Writer) error {
	w.Write([]byte("."))
	return nil
}

func report(f *os.File) {
	fmt.Fprintf(os.Stderr, "saving\\n")
	os.Stdout.Write([]byte("ok"))
	io.WriteString(os.Stderr, "done")
	io.WriteString(f, "data")
}
"""
    assert _hits(tmp_path, "reliability", "pkg/money.go", code, UNCHECKED) == [
        (18, "low"),
        (19, "low"),
        (23, "medium"),
        (31, "medium"),
    ]


JCATCH = "WFC-REL-JAVA-EMPTY-CATCH"


def test_java_empty_catch_named_ignored_or_commented_is_quiet(tmp_path: Path) -> None:
    code = """class Util {
  static Object load(String s) {
    Object def = null;
    try {
      def = Modifier.valueOf(s);
    } catch (IllegalArgumentException ignored) {
    }
    try {
      def = parse(s);
    } catch (NumberFormatException expected) {
    }
    try {
      def = parse(s);
    } catch (Exception e) {
      // the default value stands when the text is not a number
    }
    try {
      def = parse(s);
    } catch (Exception e) {
    }
    try {
      def = parse(s);
    } catch (Throwable t) {
      // keep going
    }
    return def;
  }
}
"""
    assert _hits(tmp_path, "reliability", "src/Util.java", code, JCATCH) == [
        (14, "low"),
        (19, "medium"),
        (23, "medium"),
    ]


DIV = "WFC-COR-DIV-BY-LEN"


def test_percent_formatting_is_not_division_by_len(tmp_path: Path) -> None:
    code = """HEADER = "items: %d"


def blob_id(data: bytes) -> bytes:
    return b"blob %d\\0" % len(data)


def label(xs: list[int]) -> str:
    template = "%s entries"
    return "%s" % len(xs) + template % len(xs) + HEADER % len(xs)


def bucket(key: int, shards: list[str]) -> str:
    return shards[key % len(shards)]


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)
"""
    assert _hits(tmp_path, "correctness", "lib/fmt.py", code, DIV) == [(14, "medium"), (18, "medium")]
