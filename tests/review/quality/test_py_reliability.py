"""Python reliability rules, including the false-positive traps the product must not flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.quality.helpers import assert_fires_on_defect_only, review

CASES = [
    (
        "WFC-REL-SWALLOWED-EXCEPTION",
        "def f(x):\n    try:\n        return g(x)\n    except Exception:\n        return None\n",
        "def f(x):\n    try:\n        return g(x)\n    except Exception:\n"
        "        log.exception('g failed')\n        raise\n",
    ),
    (
        "WFC-REL-BARE-EXCEPT",
        "def f(x):\n    try:\n        g(x)\n    except:\n        cleanup()\n",
        "def f(x):\n    try:\n        g(x)\n    except:\n        cleanup()\n        raise\n",
    ),
    (
        "WFC-REL-RESOURCE-LEAK",
        "def f(p):\n    fh = open(p)\n    return fh.read()\n",
        "def f(p):\n    with open(p) as fh:\n        return fh.read()\n",
    ),
    (
        "WFC-REL-LOCK-RELEASE",
        "def f(lock, items):\n    lock.acquire()\n    items.pop()\n    lock.release()\n",
        "def f(lock, items):\n    lock.acquire()\n    try:\n        items.pop()\n"
        "    finally:\n        lock.release()\n",
    ),
    (
        "WFC-REL-UNBOUNDED-RETRY",
        "def f(url):\n    while True:\n        try:\n            return fetch(url)\n"
        "        except Exception:\n            time.sleep(1)\n",
        "def f(url):\n    for attempt in range(5):\n        try:\n            return fetch(url)\n"
        "        except Exception:\n            time.sleep(2 ** attempt)\n    raise RuntimeError(url)\n",
    ),
    (
        "WFC-REL-NO-TIMEOUT",
        "from urllib.request import urlopen\n\ndef f(u):\n    with urlopen(u) as r:\n        return r.read()\n",
        "from urllib.request import urlopen\n\ndef f(u):\n    with urlopen(u, timeout=5) as r:\n"
        "        return r.read()\n",
    ),
    (
        "WFC-REL-NO-TIMEOUT",
        "def f(u):\n    return requests.post(u, json={})\n",
        "def f(u):\n    return requests.post(u, json={}, timeout=10)\n",
    ),
    (
        "WFC-REL-SUBPROCESS-TIMEOUT",
        "import subprocess\n\ndef f():\n    subprocess.run(['git', 'gc'], check=True)\n",
        "import subprocess\n\ndef f():\n    subprocess.run(['git', 'gc'], check=True, timeout=60)\n",
    ),
]


@pytest.mark.parametrize(
    ("rule", "bad", "good"), CASES, ids=[c[0] + str(i) for i, c in enumerate(CASES)]
)
def test_rule_fires_on_defect_only(tmp_path: Path, rule: str, bad: str, good: str) -> None:
    hits = assert_fires_on_defect_only(tmp_path, "reliability", rule, "svc/rel.py", bad, good)
    assert all(f.cwe for f in hits)


TRAPS = {
    "logs_and_reraises": "def f(x):\n    try:\n        return g(x)\n    except Exception as exc:\n"
    "        logger.error('failed: %s', exc)\n        raise\n",
    "raises_new_error": "def f(x):\n    try:\n        return g(x)\n    except Exception as exc:\n"
    "        raise ServiceError('g failed') from exc\n",
    "narrow_pass": "import os\n\ndef f(p):\n    try:\n        os.remove(p)\n"
    "    except FileNotFoundError:\n        pass\n",
    "with_open": "def f(p):\n    with open(p, encoding='utf-8') as fh:\n        return fh.read()\n",
    "closed_in_finally": "import sqlite3\n\ndef f(p):\n    conn = sqlite3.connect(p)\n    try:\n"
    "        return conn.execute('select 1').fetchone()\n    finally:\n"
    "        conn.close()\n",
    "requests_timeout": "import requests\n\ndef f(u):\n    return requests.get(u, timeout=(3, 10))\n",
    "worker_loop": "def run(q):\n    while True:\n        job = q.get()\n        try:\n"
    "            job()\n        except Exception:\n            log.exception('job failed')\n",
    "with_lock": "def f(lock, xs):\n    with lock:\n        xs.append(1)\n",
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_trap_has_no_medium_findings(tmp_path: Path, name: str) -> None:
    out = review(tmp_path, "reliability", f"svc/{name}.py", TRAPS[name])
    assert not [f for f in out.findings if f.severity in ("medium", "high", "critical")]


def test_logged_broad_except_is_low(tmp_path: Path) -> None:
    code = (
        "def f(x):\n    try:\n        return g(x)\n    except Exception:\n"
        "        log.warning('g failed')\n        return None\n"
    )
    out = review(tmp_path, "reliability", "svc/a.py", code)
    assert [(f.rule_id, f.severity) for f in out.findings] == [("WFC-REL-BROAD-EXCEPT", "low")]


def test_absence_rules_need_the_whole_file(tmp_path: Path) -> None:
    code = "def f(p):\n    fh = open(p)\n    data = fh.read()\n"
    out = review(tmp_path, "reliability", "svc/a.py", code, complete=False)
    assert not [f for f in out.findings if f.concept == "resource-leak"]
