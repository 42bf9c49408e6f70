"""Rules added for common defects across languages: SQL statements, Go error handling and
locks, Java concurrency and precision, JS/Python index tests and missing awaits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.quality.helpers import assert_fires_on_defect_only, review

# (role, rule, path, bad, good)
CASES = [
    (
        "correctness",
        "WFC-COR-SQL-NO-WHERE",
        "db/m.sql",
        "UPDATE accounts SET balance = 0;\n",
        "UPDATE accounts SET balance = 0 WHERE id = 7;\n",
    ),
    (
        "correctness",
        "WFC-COR-SQL-NULL-EQ",
        "db/m.sql",
        "SELECT id FROM users\nWHERE deleted_at = NULL;\n",
        "SELECT id FROM users\nWHERE deleted_at IS NULL;\n",
    ),
    (
        "performance",
        "WFC-PERF-SQL-ORDER-RANDOM",
        "db/m.sql",
        "SELECT id FROM tips ORDER BY RANDOM() LIMIT 1;\n",
        "SELECT id FROM tips ORDER BY created_at DESC LIMIT 1;\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-UNCHECKED-ERROR",
        "svc/a.go",
        "package a\n\nfunc f(b []byte, v any) {\n\tjson.Unmarshal(b, v)\n}\n",
        "package a\n\nfunc f(b []byte, v any) error {\n\treturn json.Unmarshal(b, v)\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-LOCK-RELEASE",
        "svc/a.go",
        'package a\n\nfunc (s *S) f(k string) int {\n\ts.mu.Lock()\n\tif k == "" {\n'
        "\t\treturn 0\n\t}\n\tv := s.m[k]\n\ts.mu.Unlock()\n\treturn v\n}\n",
        "package a\n\nfunc (s *S) f(k string) int {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n"
        '\tif k == "" {\n\t\treturn 0\n\t}\n\treturn s.m[k]\n}\n',
    ),
    (
        "reliability",
        "WFC-REL-GO-ROWS-CLOSE",
        "svc/a.go",
        'package a\n\nfunc f(db *sql.DB) error {\n\trows, err := db.Query("select 1")\n'
        "\tif err != nil {\n\t\treturn err\n\t}\n\tfor rows.Next() {\n\t}\n\treturn nil\n}\n",
        'package a\n\nfunc f(db *sql.DB) error {\n\trows, err := db.Query("select 1")\n'
        "\tif err != nil {\n\t\treturn err\n\t}\n\tdefer rows.Close()\n\tfor rows.Next() {\n\t}\n"
        "\treturn rows.Err()\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-INTERRUPT",
        "src/A.java",
        "class A {\n  void f() {\n    try { Thread.sleep(10); } catch (InterruptedException e) {\n"
        '      log.warn("x");\n    }\n  }\n}\n',
        "class A {\n  void f() {\n    try { Thread.sleep(10); } catch (InterruptedException e) {\n"
        "      Thread.currentThread().interrupt();\n    }\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-SHARED-DATEFORMAT",
        "src/A.java",
        'class A {\n  private static final SimpleDateFormat F = new SimpleDateFormat("yyyy");\n}\n',
        'class A {\n  private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy");\n}\n',
    ),
    (
        "reliability",
        "WFC-REL-JAVA-SWALLOWED",
        "src/A.java",
        "class A {\n  User f(long id) {\n    try { return repo.load(id); } catch (Exception e) {\n"
        "      return null;\n    }\n  }\n}\n",
        "class A {\n  User f(long id) {\n    try { return repo.load(id); } catch (NotFound e) {\n"
        "      return null;\n    }\n  }\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-MUTATE-WHILE-ITERATING",
        "src/A.java",
        "class A {\n  void f(List<String> xs) {\n    for (String x : xs) {\n"
        "      if (x.isEmpty()) { xs.remove(x); }\n    }\n  }\n}\n",
        "class A {\n  void f(List<String> xs) {\n    xs.removeIf(String::isEmpty);\n  }\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-JAVA-BIGDECIMAL-DOUBLE",
        "src/A.java",
        "class A {\n  BigDecimal fee = new BigDecimal(0.1);\n}\n",
        'class A {\n  BigDecimal fee = new BigDecimal("0.1");\n}\n',
    ),
    (
        "correctness",
        "WFC-COR-FIND-GT-ZERO",
        "src/A.java",
        'class A {\n  boolean f(String s) {\n    return s.indexOf("x") > 0;\n  }\n}\n',
        'class A {\n  boolean f(String s) {\n    return s.indexOf("x") >= 0;\n  }\n}\n',
    ),
    (
        "correctness",
        "WFC-COR-FIND-GT-ZERO",
        "web/a.js",
        "function f(s) {\n  return s.indexOf('x') > 0;\n}\n",
        "function f(s) {\n  return s.includes('x');\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-FIND-GT-ZERO",
        "svc/a.py",
        "def f(s):\n    return s.find('x') > 0\n",
        "def f(s):\n    return s.find('x') >= 0\n",
    ),
    (
        "correctness",
        "WFC-COR-NOT-AWAITED",
        "web/a.js",
        "async function save(x) { return x; }\nasync function main() {\n  save(1);\n}\n",
        "async function save(x) { return x; }\nasync function main() {\n  await save(1);\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-MUTATE-WHILE-ITERATING",
        "svc/a.py",
        "def f(d):\n    for k in d.keys():\n        if not d[k]:\n            d.pop(k)\n",
        "def f(d):\n    for k in list(d):\n        if not d[k]:\n            d.pop(k)\n",
    ),
    (
        "performance",
        "WFC-PERF-READLINES",
        "svc/a.py",
        "def f(p):\n    with open(p) as fh:\n        lines = fh.readlines()\n    return len(lines)\n",
        "def f(p):\n    with open(p) as fh:\n        return sum(1 for _ in fh)\n",
    ),
    (
        "reliability",
        "WFC-REL-NO-TIMEOUT",
        "svc/a.py",
        "CLIENT = httpx.Client(timeout=None)\n",
        "CLIENT = httpx.Client(timeout=10.0)\n",
    ),
    (
        "reliability",
        "WFC-REL-RESOURCE-LEAK",
        "svc/a.py",
        "import aiohttp\n\nasync def f(u):\n    s = aiohttp.ClientSession()\n"
        "    r = await s.get(u)\n    return await r.text()\n",
        "import aiohttp\n\nasync def f(u):\n    async with aiohttp.ClientSession() as s:\n"
        "        r = await s.get(u)\n        return await r.text()\n",
    ),
    (
        "reliability",
        "WFC-REL-INLINE-OPEN",
        "svc/a.py",
        "import json\n\ndef f(p):\n    return json.load(open(p))\n",
        "import json\n\ndef f(p):\n    with open(p) as fh:\n        return json.load(fh)\n",
    ),
    (
        "correctness",
        "WFC-COR-JS-CALLBACK-NO-RETURN",
        "web/a.js",
        "function f(xs) {\n  return xs.map((x) => {\n    x * 2;\n  });\n}\n",
        "function f(xs) {\n  return xs.map((x) => {\n    return x * 2;\n  });\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-JS-NEGATION-PRECEDENCE",
        "web/a.ts",
        "export function f(xs: string[]) {\n  return !xs.length > 0;\n}\n",
        "export function f(xs: string[]) {\n  return !(xs.length > 0);\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-DEFER-BEFORE-ERR",
        "svc/a.go",
        "package a\n\nfunc f(p string) error {\n\tf, err := os.Open(p)\n\tdefer f.Close()\n"
        "\tif err != nil {\n\t\treturn err\n\t}\n\treturn nil\n}\n",
        "package a\n\nfunc f(p string) error {\n\tf, err := os.Open(p)\n\tif err != nil {\n"
        "\t\treturn err\n\t}\n\tdefer f.Close()\n\treturn nil\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-ERROR-DROPPED",
        "svc/a.go",
        "package a\n\nfunc f(p string) error {\n\terr := os.Remove(p)\n\tif err != nil {\n"
        "\t\treturn nil\n\t}\n\treturn nil\n}\n",
        "package a\n\nfunc f(p string) error {\n\terr := os.Remove(p)\n\tif err != nil {\n"
        "\t\treturn err\n\t}\n\treturn nil\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-RESOURCE-LEAK",
        "src/A.java",
        "class A {\n  long f(Path p) throws IOException {\n    Stream<String> s = Files.lines(p);\n"
        "    return s.count();\n  }\n}\n",
        "class A {\n  long f(Path p) throws IOException {\n"
        "    try (Stream<String> s = Files.lines(p)) {\n      return s.count();\n    }\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-BROAD-CATCH",
        "src/A.java",
        'class A {\n  void f() {\n    try { g(); } catch (Exception e) {\n      log.error("g", e);\n'
        "    }\n  }\n}\n",
        "class A {\n  void f() {\n    try { g(); } catch (Exception e) {\n"
        '      log.error("g", e);\n      throw e;\n    }\n  }\n}\n',
    ),
    (
        "correctness",
        "WFC-COR-GO-NO-RETURN-AFTER-RESPONSE",
        "svc/a.go",
        "package a\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tif !ok(r) {\n"
        '\t\thttp.Error(w, "denied", 403)\n\t}\n\tserve(w, r)\n}\n',
        "package a\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tif !ok(r) {\n"
        '\t\thttp.Error(w, "denied", 403)\n\t\treturn\n\t}\n\tserve(w, r)\n}\n',
    ),
    (
        "reliability",
        "WFC-REL-GO-ERR-NOT-CHECKED",
        "svc/a.go",
        "package a\n\nfunc f(rows *sql.Rows) (int, error) {\n\tvar n int\n\terr := rows.Scan(&n)\n"
        "\tn++\n\treturn n, nil\n}\n",
        "package a\n\nfunc f(rows *sql.Rows) (int, error) {\n\tvar n int\n\terr := rows.Scan(&n)\n"
        "\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn n + 1, nil\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-JS-NO-RETURN-AFTER-RESPONSE",
        "web/a.js",
        "function h(req, res, next) {\n  if (!req.user) {\n    next(new Error('auth'));\n  }\n"
        "  res.send(req.user.name);\n}\n",
        "function h(req, res, next) {\n  if (!req.user) {\n    return next(new Error('auth'));\n  }\n"
        "  res.send(req.user.name);\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-MISLEADING-INDENT",
        "web/a.js",
        "function f(ok, res) {\n  if (!ok)\n    res.writeHead(403);\n    res.end('denied');\n"
        "  return ok;\n}\n",
        "function f(ok, res) {\n  if (!ok) {\n    res.writeHead(403);\n    res.end('denied');\n  }\n"
        "  return ok;\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-MISLEADING-INDENT",
        "src/A.java",
        'class A {\n  void f(boolean ok) {\n    if (!ok)\n      log("no");\n      reset();\n'
        "    done();\n  }\n}\n",
        'class A {\n  void f(boolean ok) {\n    if (!ok)\n      log("no");\n    reset();\n'
        "    done();\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JS-THROW-IN-CALLBACK",
        "web/a.js",
        "function f(p, cb) {\n  fs.readFile(p, function (err, buf) {\n    if (err) throw err;\n"
        "    cb(buf);\n  });\n}\n",
        "function f(p, cb) {\n  fs.readFile(p, function (err, buf) {\n    if (err) return cb(err);\n"
        "    cb(null, buf);\n  });\n}\n",
    ),
    (
        "correctness",
        "WFC-COR-NONE-CHECK-AFTER-USE",
        "svc/a.py",
        "def f(repo, uid):\n    user = repo.get(uid)\n    name = user.name\n    if user is None:\n"
        "        return None\n    return name\n",
        "def f(repo, uid):\n    user = repo.get(uid)\n    if user is None:\n        return None\n"
        "    return user.name\n",
    ),
]


def test_list_parameter_membership_is_low(tmp_path: Path) -> None:
    code = (
        "def f(users: list[dict], banned: list[int]) -> list[dict]:\n    out = []\n"
        "    for u in users:\n        if u['id'] in banned:\n            continue\n"
        "        out.append(u)\n    return out\n"
    )
    out = review(tmp_path, "performance", "svc/a.py", code)
    assert [(f.rule_id, f.line, f.severity) for f in out.findings] == [
        ("WFC-PERF-LIST-MEMBERSHIP", 4, "low")
    ]


@pytest.mark.parametrize(
    ("role", "rule", "path", "bad", "good"), CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES]
)
def test_rule_fires_on_defect_only(
    tmp_path: Path, role: str, rule: str, path: str, bad: str, good: str
) -> None:
    assert_fires_on_defect_only(tmp_path, role, rule, path, bad, good)


def test_sql_finding_points_at_the_offending_line(tmp_path: Path) -> None:
    code = "-- cleanup\n\nSELECT id\nFROM users\nWHERE email <> NULL;\n"
    out = review(tmp_path, "correctness", "db/q.sql", code)
    assert [(f.rule_id, f.line) for f in out.findings] == [("WFC-COR-SQL-NULL-EQ", 5)]


LOW_CASES = [
    (
        "reliability",
        "WFC-REL-JS-EMPTY-CATCH",
        "web/a.js",
        "function f(s) {\n  try {\n    return JSON.parse(s);\n  } catch (err) {\n"
        "    console.error(err);\n  }\n}\n",
    ),
    (
        "performance",
        "WFC-PERF-LIST-MEMBERSHIP",
        "web/a.js",
        "function f(users, banned) {\n  const out = [];\n  for (const u of users) {\n"
        "    if (!banned.includes(u.id)) out.push(u);\n  }\n  return out;\n}\n",
    ),
    (
        "performance",
        "WFC-PERF-LIST-MEMBERSHIP",
        "src/A.java",
        "class A {\n  int f(List<String> a, List<String> b) {\n    int n = 0;\n"
        "    for (String x : a) {\n      if (b.contains(x)) n++;\n    }\n    return n;\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-JAVA-BROAD-CATCH",
        "src/A.java",
        "class A {\n  void f() {\n    try { g(); } catch (IOException e) {\n"
        "      e.printStackTrace();\n    }\n  }\n}\n",
    ),
    (
        "reliability",
        "WFC-REL-GO-ERR-LOGGED-ONLY",
        "svc/a.go",
        "package a\n\nfunc f(p string) []byte {\n\tb, err := os.ReadFile(p)\n\tif err != nil {\n"
        '\t\tlog.Printf("read %s: %v", p, err)\n\t}\n\treturn b\n}\n',
    ),
    (
        "performance",
        "WFC-PERF-NESTED-LOOP-JOIN",
        "svc/a.py",
        "def f(orders, customers):\n    for o in orders:\n        for c in customers:\n"
        "            if o.customer_id == c.id:\n                o.customer = c\n",
    ),
]


@pytest.mark.parametrize(
    ("role", "rule", "path", "code"), LOW_CASES, ids=[f"{c[1]}-{c[2]}" for c in LOW_CASES]
)
def test_weak_evidence_rules_report_low(
    tmp_path: Path, role: str, rule: str, path: str, code: str
) -> None:
    hits = [f for f in review(tmp_path, role, path, code).findings if f.rule_id == rule]
    assert [f.severity for f in hits] == ["low"]
