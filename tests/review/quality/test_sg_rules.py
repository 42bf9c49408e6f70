"""ast-grep rules for JavaScript, TypeScript, Go and Java: defect vs. idiomatic fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.quality.helpers import assert_fires_on_defect_only, review

# (role, rule, path, bad, good)
CASES = [
    (
        "reliability",
        "WFC-REL-JS-EMPTY-CATCH",
        "web/a.js",
        "function f(s) {\n  try { return JSON.parse(s); } catch (e) {}\n}\n",
        "function f(s) {\n  try { return JSON.parse(s); } catch (e) { log.warn(e); return null; }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JS-UNHANDLED-PROMISE",
        "web/a.js",
        "function f(u) {\n  load(u).then((r) => show(r));\n}\n",
        "function f(u) {\n  load(u).then((r) => show(r)).catch((e) => fail(e));\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JS-FETCH-TIMEOUT",
        "web/a.ts",
        "export async function f(u: string) {\n  return fetch(u);\n}\n",
        "export async function f(u: string) {\n  return fetch(u, { signal: AbortSignal.timeout(5000) });\n}\n",
    ),
    (
        "performance",
        "WFC-PERF-N-PLUS-ONE",
        "web/a.ts",
        "export async function f(ids: number[]) {\n  for (const id of ids) {\n"
        "    await db.query('select 1 where id = $1', [id]);\n  }\n}\n",
        "export async function f(ids: number[]) {\n  await db.query('select 1 where id = any($1)', [ids]);\n}\n",
    ),
    (
        "performance",
        "WFC-PERF-JS-SYNC-IO",
        "web/a.js",
        "async function f(p) {\n  return fs.readFileSync(p, 'utf8');\n}\n",
        "async function f(p) {\n  return fs.promises.readFile(p, 'utf8');\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-OFF-BY-ONE",
        "web/a.js",
        "function f(a) {\n  for (let i = 0; i <= a.length; i++) { use(a[i]); }\n}\n",
        "function f(a) {\n  for (let i = 0; i < a.length; i++) { use(a[i]); }\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-NAN-COMPARE",
        "web/a.ts",
        "export const bad = (x: number) => x === NaN;\n",
        "export const bad = (x: number) => Number.isNaN(x);\n",
    ),
    (
        "correctness",
        "WFC-COR-ASYNC-FOREACH",
        "web/a.js",
        "async function f(xs) {\n  xs.forEach(async (x) => { await save(x); });\n}\n",
        "async function f(xs) {\n  await Promise.all(xs.map((x) => save(x)));\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-ASSIGN-IN-CONDITION",
        "web/a.js",
        "function f(a, b) {\n  if (a = b) { return 1; }\n  return 0;\n}\n",
        "function f(a, b) {\n  if (a === b) { return 1; }\n  return 0;\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-IGNORED-ERROR",
        "svc/a.go",
        "package a\n\nfunc f(s string) int {\n\tn, _ := strconv.Atoi(s)\n\treturn n\n}\n",
        "package a\n\nfunc f(s string) (int, error) {\n\treturn strconv.Atoi(s)\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-HTTP-TIMEOUT",
        "svc/a.go",
        "package a\n\nvar c = &http.Client{}\n",
        "package a\n\nvar c = &http.Client{Timeout: 10 * time.Second}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-BODY-CLOSE",
        "svc/a.go",
        "package a\n\nfunc f(c *http.Client, r *http.Request) (int, error) {\n"
        "\tresp, err := c.Do(r)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn resp.StatusCode, nil\n}\n",
        "package a\n\nfunc f(c *http.Client, r *http.Request) (int, error) {\n"
        "\tresp, err := c.Do(r)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n"
        "\tdefer resp.Body.Close()\n\treturn resp.StatusCode, nil\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-LOST-CANCEL",
        "svc/a.go",
        "package a\n\nfunc f(p context.Context) context.Context {\n"
        "\tctx, _ := context.WithTimeout(p, time.Second)\n\treturn ctx\n}\n",
        "package a\n\nfunc f(p context.Context) error {\n"
        "\tctx, cancel := context.WithTimeout(p, time.Second)\n\tdefer cancel()\n\treturn run(ctx)\n}\n",
    ),
    (
        "performance",
        "WFC-PERF-N-PLUS-ONE",
        "svc/a.go",
        "package a\n\nfunc f(db *sql.DB, ids []int) {\n\tfor _, id := range ids {\n"
        '\t\tdb.QueryRow("select 1 where id = $1", id)\n\t}\n}\n',
        'package a\n\nfunc f(db *sql.DB, ids []int) {\n\tdb.Query("select 1 where id = any($1)", ids)\n}\n',
    ),
    (
        "performance",
        "WFC-PERF-REGEX-IN-LOOP",
        "svc/a.go",
        "package a\n\nfunc f(xs []string) {\n\tfor _, x := range xs {\n"
        "\t\tregexp.MustCompile(`a+`).MatchString(x)\n\t}\n}\n",
        "package a\n\nvar re = regexp.MustCompile(`a+`)\n\nfunc f(xs []string) {\n"
        "\tfor _, x := range xs {\n\t\tre.MatchString(x)\n\t}\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-EMPTY-CATCH",
        "src/A.java",
        "class A {\n  void f() {\n    try { g(); } catch (Exception e) { }\n  }\n}\n",
        "class A {\n  void f() {\n    try { g(); } catch (Exception e) { throw new IllegalStateException(e); }\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-RESOURCE-LEAK",
        "src/A.java",
        "class A {\n  String f(String p) throws Exception {\n    BufferedReader r = new BufferedReader(new FileReader(p));\n"
        "    return r.readLine();\n  }\n}\n",
        "class A {\n  String f(String p) throws Exception {\n"
        "    try (BufferedReader r = new BufferedReader(new FileReader(p))) {\n      return r.readLine();\n    }\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-LOCK-RELEASE",
        "src/A.java",
        "class A {\n  void f() {\n    lock.lock();\n    n++;\n    lock.unlock();\n  }\n}\n",
        "class A {\n  void f() {\n    lock.lock();\n    try {\n      n++;\n    } finally {\n      lock.unlock();\n    }\n  }\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-JAVA-STRING-EQ",
        "src/A.java",
        'class A {\n  boolean f(String s) {\n    return s == "x";\n  }\n}\n',
        'class A {\n  boolean f(String s) {\n    return "x".equals(s);\n  }\n}\n',
    ),
    (
        "performance",
        "WFC-PERF-N-PLUS-ONE",
        "src/A.java",
        "class A {\n  void f(List<Long> ids) {\n    for (Long id : ids) {\n      repo.findById(id);\n    }\n  }\n}\n",
        "class A {\n  void f(List<Long> ids) {\n    repo.findAllById(ids);\n  }\n}\n",
    ),
]


@pytest.mark.parametrize(
    ("role", "rule", "path", "bad", "good"), CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES]
)
def test_rule_fires_on_defect_only(
    tmp_path: Path, role: str, rule: str, path: str, bad: str, good: str
) -> None:
    assert_fires_on_defect_only(tmp_path, role, rule, path, bad, good, "ast-grep")


def test_trailing_comment_after_catch_is_not_its_body(tmp_path: Path) -> None:
    code = "function f() {\n  try { g(); } catch {} // nothing to do\n}\n"
    out = review(tmp_path, "reliability", "web/a.ts", code)
    assert [f.severity for f in out.findings if f.rule_id == "WFC-REL-JS-EMPTY-CATCH"] == ["medium"]


def test_commented_empty_catch_is_low(tmp_path: Path) -> None:
    code = "function f() {\n  try { g(); } catch (e) {\n    // optional feature\n  }\n}\n"
    out = review(tmp_path, "reliability", "web/a.js", code)
    assert [f.severity for f in out.findings if f.rule_id == "WFC-REL-JS-EMPTY-CATCH"] == ["low"]


def test_tsx_is_parsed_with_the_tsx_grammar(tmp_path: Path) -> None:
    code = (
        "export function A({ xs }: { xs: string[] }) {\n  xs.forEach(async (x) => { await f(x); });\n"
        "  return <ul>{xs.map((x) => <li key={x}>{x}</li>)}</ul>;\n}\n"
    )
    out = review(tmp_path, "correctness", "web/A.tsx", code)
    assert [f.rule_id for f in out.findings] == ["WFC-COR-ASYNC-FOREACH"]
