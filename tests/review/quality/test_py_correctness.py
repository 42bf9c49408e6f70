"""Python correctness AST rules: each fires on the defect and stays quiet on the look-alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.quality.helpers import review

CASES = [
    (
        "WFC-COR-OFF-BY-ONE",
        "def f(xs):\n    for i in range(len(xs) + 1):\n        print(xs[i])\n",
        "def f(xs):\n    for i in range(len(xs)):\n        print(xs[i])\n",
    ),
    (
        "WFC-COR-OFF-BY-ONE",
        "def f(xs):\n    i = 0\n    while i <= len(xs):\n        print(xs[i])\n        i += 1\n",
        "def f(xs):\n    i = 0\n    while i <= len(xs):\n        if i < len(xs):\n"
        "            print(xs[i])\n        i += 1\n",
    ),
    (
        "WFC-COR-TAUTOLOGY",
        "def f(v):\n    return v is not None or v != ''\n",
        "def f(v):\n    return v is not None and v != ''\n",
    ),
    (
        "WFC-COR-TAUTOLOGY",
        "def f(xs):\n    return len(xs) < 0\n",
        "def f(xs):\n    return len(xs) <= 0\n",
    ),
    (
        "WFC-COR-NONE-RESULT",
        "def f(xs):\n    ys = xs.sort()\n    return ys\n",
        "def f(xs):\n    xs.sort()\n    return xs\n",
    ),
    (
        "WFC-COR-RESULT-DISCARDED",
        "def f(s):\n    s.replace('a', 'b')\n    return s\n",
        "def f(s):\n    s = s.replace('a', 'b')\n    return s\n",
    ),
    (
        "WFC-COR-RESULT-DISCARDED",
        "def f(xs):\n    sorted(xs).reverse()\n    return xs\n",
        "def f(xs):\n    return sorted(xs, reverse=True)\n",
    ),
    (
        "WFC-COR-GET-DEFAULT",
        "def f(d, k, v):\n    d.get(k, []).append(v)\n",
        "def f(d, k, v):\n    d.setdefault(k, []).append(v)\n",
    ),
    (
        "WFC-COR-MISSING-FSTRING",
        "def f(user):\n    return 'hello {user}'\n",
        "def f(user):\n    return 'hello {user}'.format(user=user)\n",
    ),
    (
        "WFC-COR-UNREACHABLE",
        "def f(x):\n    return x\n    print('done')\n",
        "def f(x):\n    print('done')\n    return x\n",
    ),
    (
        "WFC-COR-SHADOWED-BUILTIN",
        "def f(raw):\n    list = raw.split()\n    return list(list)\n",
        "def f(raw):\n    items = raw.split()\n    return list(items)\n",
    ),
    (
        "WFC-COR-NOT-AWAITED",
        "async def save(x):\n    return x\n\nasync def main():\n    save(1)\n",
        "async def save(x):\n    return x\n\nasync def main():\n    await save(1)\n",
    ),
    (
        "WFC-COR-WRITE-MODE-READ",
        "def f(p):\n    with open(p, 'w') as fh:\n        fh.write('x')\n        return fh.read()\n",
        "def f(p):\n    with open(p, 'w+') as fh:\n        fh.write('x')\n        fh.seek(0)\n"
        "        return fh.read()\n",
    ),
    (
        "WFC-COR-INDEX-LEN",
        "def f(xs):\n    return xs[len(xs)]\n",
        "def f(xs):\n    return xs[len(xs) - 1]\n",
    ),
]


@pytest.mark.parametrize(
    ("rule", "bad", "good"), CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)]
)
def test_rule_fires_on_defect_only(tmp_path: Path, rule: str, bad: str, good: str) -> None:
    hits = [
        f for f in review(tmp_path, "correctness", "svc/bad.py", bad).findings if f.rule_id == rule
    ]
    assert hits, f"{rule} missed"
    assert all(f.family == "wfc-ast" and f.reviewer == "correctness" for f in hits)
    assert all(f.title and f.description and f.suggestion for f in hits)
    quiet = [
        f
        for f in review(tmp_path, "correctness", "svc/good.py", good).findings
        if f.rule_id == rule and f.severity in ("medium", "high")
    ]
    assert not quiet, f"{rule} false alarm: {quiet}"


def test_severity_by_impact(tmp_path: Path) -> None:
    out = review(
        tmp_path,
        "correctness",
        "svc/a.py",
        "async def save(x):\n    return x\n\nasync def main():\n    save(1)\n",
    )
    assert {f.severity for f in out.findings if f.concept == "missing-await"} == {"high"}


def test_ruff_and_ast_agreeing_on_a_line_give_one_finding(tmp_path: Path) -> None:
    code = "def f(x):\n    if x == x:\n        return 1\n    return 2\n"
    out = review(tmp_path, "correctness", "svc/a.py", code)
    line2 = [f for f in out.findings if f.line == 2]
    assert len(line2) == 1 and line2[0].concept == "self-comparison"
