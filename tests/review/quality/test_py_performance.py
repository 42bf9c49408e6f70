"""Python performance rules: N+1, quadratic membership, blocking calls in coroutines, caches."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.quality.helpers import assert_fires_on_defect_only, review

CASES = [
    (
        "WFC-PERF-N-PLUS-ONE",
        "def f(cur, ids):\n    for i in ids:\n        cur.execute('SELECT 1 WHERE id=%s', (i,))\n",
        "def f(cur, ids):\n    cur.execute('SELECT 1 WHERE id = ANY(%s)', (ids,))\n",
    ),
    (
        "WFC-PERF-N-PLUS-ONE",
        "def f(ids):\n    return [User.objects.get(pk=i) for i in ids]\n",
        "def f(ids):\n    return list(User.objects.filter(pk__in=ids))\n",
    ),
    (
        "WFC-PERF-LIST-MEMBERSHIP",
        "def f(events):\n    seen = []\n    for e in events:\n        if e not in seen:\n"
        "            seen.append(e)\n    return seen\n",
        "def f(events):\n    seen = set()\n    for e in events:\n        if e not in seen:\n"
        "            seen.add(e)\n    return seen\n",
    ),
    (
        "WFC-PERF-STR-CONCAT",
        "def f(rows):\n    out = ''\n    for r in rows:\n        out += r\n    return out\n",
        "def f(rows):\n    return ''.join(rows)\n",
    ),
    (
        "WFC-PERF-BLOCKING-IN-ASYNC",
        "async def f():\n    time.sleep(1)\n",
        "async def f():\n    await asyncio.sleep(1)\n",
    ),
    (
        "WFC-PERF-UNBOUNDED-CACHE",
        "import functools\n\n@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x * 2\n",
        "import functools\n\n@functools.lru_cache(maxsize=256)\ndef f(x):\n    return x * 2\n",
    ),
    (
        "WFC-PERF-GROWING-GLOBAL",
        "_cache = {}\n\ndef get(key):\n    _cache[key] = compute(key)\n    return _cache[key]\n",
        "_cache = {}\n\ndef get(key):\n    if len(_cache) > 1000:\n        _cache.clear()\n"
        "    _cache[key] = compute(key)\n    return _cache[key]\n",
    ),
    (
        "WFC-PERF-REGEX-IN-LOOP",
        "import re\n\ndef f(lines):\n    for line in lines:\n        yield re.compile('a+').sub('', line)\n",
        "import re\nPAT = re.compile('a+')\n\ndef f(lines):\n    for line in lines:\n"
        "        yield PAT.sub('', line)\n",
    ),
    (
        "WFC-PERF-READLINES",
        "def f(fh):\n    for line in fh.readlines():\n        print(line)\n",
        "def f(fh):\n    for line in fh:\n        print(line)\n",
    ),
]


@pytest.mark.parametrize(
    ("rule", "bad", "good"), CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)]
)
def test_rule_fires_on_defect_only(tmp_path: Path, rule: str, bad: str, good: str) -> None:
    assert_fires_on_defect_only(tmp_path, "performance", rule, "svc/perf.py", bad, good)


def test_blocking_call_in_async_is_high_and_merged_with_ruff(tmp_path: Path) -> None:
    out = review(
        tmp_path,
        "performance",
        "svc/h.py",
        "import time\n\nasync def handler():\n    time.sleep(2)\n",
    )
    hits = [f for f in out.findings if f.line == 4]
    assert len(hits) == 1 and hits[0].severity == "high"
    assert hits[0].concept == "blocking-call-in-async"


def test_method_cache_is_medium(tmp_path: Path) -> None:
    out = review(
        tmp_path,
        "performance",
        "svc/c.py",
        "import functools\n\nclass A:\n    @functools.cache\n    def f(self, x):\n        return x\n",
    )
    assert [f.severity for f in out.findings if f.rule_id == "WFC-PERF-CACHED-METHOD"] == ["medium"]


def test_registry_decorator_is_not_a_growing_cache(tmp_path: Path) -> None:
    code = (
        "_REGISTRY = {}\n\ndef register(cls):\n    _REGISTRY[cls.__name__] = cls\n    return cls\n"
    )
    assert not review(tmp_path, "performance", "svc/r.py", code).findings
