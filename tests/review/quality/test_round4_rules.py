"""Round-4 tuning: each rule pairs the defect with safe look-alikes that must stay clean."""

from __future__ import annotations

from pathlib import Path

from tests.review.quality.helpers import review


def _params(out_findings: list) -> list[str]:
    return [f.severity for f in out_findings if f.rule_id == "WFC-MAINT-PARAMS"]


def test_many_required_positional_parameters_are_medium(tmp_path: Path) -> None:
    args = ", ".join(f"a{i}" for i in range(14))
    out = review(tmp_path, "maintainability", "svc/a.py", f"def f({args}):\n    return a0\n")
    assert _params(out.findings) == ["medium"]


def test_defaulted_keyword_only_and_constructor_parameters_stay_low(tmp_path: Path) -> None:
    defaults = ", ".join(f"a{i}=None" for i in range(13))
    kwonly = ", ".join(f"k{i}" for i in range(13))
    required = ", ".join(f"r{i}" for i in range(14))
    code = (
        f"def opts(x, {defaults}):\n    return x\n\n\n"
        f"def kw(x, *, {kwonly}):\n    return x\n\n\n"
        f"class C:\n    def __init__(self, {required}):\n        self.r0 = r0\n"
    )
    out = review(tmp_path, "maintainability", "svc/a.py", code)
    assert _params(out.findings) == ["low", "low", "low"]
    ts_ctor = f"export class S {{\n  constructor({', '.join(f'p{i}: number' for i in range(14))}) {{}}\n}}\n"
    out = review(tmp_path, "maintainability", "web/s.ts", ts_ctor)
    assert _params(out.findings) == ["low"]


def _growing(tmp_path: Path, code: str) -> list[str]:
    out = review(tmp_path, "performance", "svc/memo.py", code)
    return [f.severity for f in out.findings if f.rule_id == "WFC-PERF-GROWING-GLOBAL"]


def test_pure_memo_caches_are_low(tmp_path: Path) -> None:
    charset = (
        "encode_cache = {}\n\n\ndef get_encode_cache(exclude):\n"
        "    if exclude in encode_cache:\n        return encode_cache[exclude]\n"
        "    table = [chr(i) for i in range(128)]\n    for ch in exclude:\n"
        "        table[ord(ch)] = hex(ord(ch))[2:].upper()\n"
        "    encode_cache[exclude] = table\n    return table\n"
    )
    assert _growing(tmp_path, charset) == ["low"]
    regex = (
        "import re\n\nTAG = re.compile('<[a-z]+')\n_xml_cache = {}\n\n\ndef looks_like_xml(text):\n"
        "    key = hash(text)\n    if key in _xml_cache:\n        return _xml_cache[key]\n"
        "    rv = TAG.search(text[:1000]) is not None\n    _xml_cache[key] = rv\n    return rv\n"
    )
    assert _growing(tmp_path, regex) == ["low"]


def test_caches_filled_from_io_or_unknown_calls_stay_medium(tmp_path: Path) -> None:
    session = (
        "_user_cache = {}\n\n\ndef get_user(session, user_id):\n"
        "    if user_id not in _user_cache:\n"
        "        _user_cache[user_id] = session.query(user_id)\n    return _user_cache[user_id]\n"
    )
    assert _growing(tmp_path, session) == ["medium"]
    fetched = (
        "import requests\n\n_page_cache = {}\n\n\ndef page(url):\n"
        "    body = requests.get(url, timeout=5).text\n    _page_cache[url] = body\n    return body\n"
    )
    assert _growing(tmp_path, fetched) == ["medium"]


def _short(tmp_path: Path, code: str) -> list[int]:
    out = review(tmp_path, "correctness", "svc/loop.py", code)
    return [f.line for f in out.findings if f.rule_id == "WFC-COR-OFF-BY-ONE"]


def test_range_len_minus_one_visiting_every_element_is_flagged(tmp_path: Path) -> None:
    code = (
        "def total(prices):\n    s = 0\n    for i in range(len(prices) - 1):\n"
        "        s += prices[i]\n    return s\n"
    )
    assert _short(tmp_path, code) == [3]


def test_pairwise_and_last_handled_apart_loops_stay_clean(tmp_path: Path) -> None:
    pairwise = (
        "def gaps(xs):\n    out = []\n    for i in range(len(xs) - 1):\n"
        "        out.append(xs[i + 1] - xs[i])\n    return out\n"
    )
    joined = (
        "def join(parts):\n    out = ''\n    for i in range(len(parts) - 1):\n"
        "        out += parts[i] + ', '\n    return out + parts[-1]\n"
    )
    indexed = (
        "def mark(xs, flags):\n    for i in range(len(xs) - 1):\n        flags[i] = xs[i]\n"
    )
    for code in (pairwise, joined, indexed):
        assert _short(tmp_path, code) == [], code


def test_js_slice_window_minus_one_is_flagged_and_look_alikes_are_not(tmp_path: Path) -> None:
    bad = "function pageOf(items, page, size) {\n  const start = page * size;\n  return items.slice(start, start + size - 1);\n}\n"
    out = review(tmp_path, "correctness", "web/page.js", bad)
    assert [f.line for f in out.findings if f.rule_id == "WFC-COR-OFF-BY-ONE"] == [3]
    good = (
        "function f(items, s, start, size) {\n  const page = items.slice(start, start + size);\n"
        "  const trimmed = s.slice(0, s.length - 1);\n  const inner = s.slice(1, end + pad - 1);\n"
        "  return [page, trimmed, inner];\n}\n"
    )
    out = review(tmp_path, "correctness", "web/ok.ts", good)
    assert not [f for f in out.findings if f.rule_id == "WFC-COR-OFF-BY-ONE"]


_COUNTER = """
import threading


class HitCounter:
    def __init__(self):
        self.hits = 0
        self._lock = threading.Lock()

    def record(self):
{body}


def hammer(counter, n):
    threads = [threading.Thread(target=counter.record) for _ in range(n)]
    for t in threads:
        t.start()
"""


def _lost(tmp_path: Path, code: str) -> list[int]:
    out = review(tmp_path, "correctness", "svc/counter.py", code)
    return [f.line for f in out.findings if f.rule_id == "WFC-COR-LOST-UPDATE"]


def test_unlocked_read_modify_write_in_thread_target_is_flagged(tmp_path: Path) -> None:
    copy = _COUNTER.format(body="        current = self.hits\n        self.hits = current + 1")
    assert _lost(tmp_path, copy) == [11]
    aug = _COUNTER.format(body="        self.hits += 1")
    assert _lost(tmp_path, aug) == [10]


def test_locked_or_non_thread_updates_stay_clean(tmp_path: Path) -> None:
    locked = _COUNTER.format(body="        with self._lock:\n            self.hits += 1")
    assert _lost(tmp_path, locked) == []
    appended = _COUNTER.format(body="        self.log = []\n        self.log.append(1)")
    assert _lost(tmp_path, appended) == []
    no_thread = (
        "class C:\n    def __init__(self):\n        self.n = 0\n\n"
        "    def bump(self):\n        self.n += 1\n"
    )
    assert _lost(tmp_path, no_thread) == []


_JAVA = """package stats;

import java.util.concurrent.atomic.AtomicInteger;

public class VisitCounter {
    private int visits;
    private final AtomicInteger safe = new AtomicInteger();

    public void start(int n) {
        for (int i = 0; i < n; i++) {
            new Thread(() -> {
%s
            }).start();
        }
    }
}
"""


def _java_lost(tmp_path: Path, body: str) -> list[int]:
    out = review(tmp_path, "correctness", "src/VisitCounter.java", _JAVA % body, raw=True)
    return [f.line for f in out.findings if f.rule_id == "WFC-COR-LOST-UPDATE"]


def test_java_field_increment_in_thread_lambda_is_flagged(tmp_path: Path) -> None:
    assert _java_lost(tmp_path, "                visits++;") == [12]
    assert _java_lost(tmp_path, "                this.visits += 2;") == [12]


def test_java_synchronised_atomic_or_local_increments_stay_clean(tmp_path: Path) -> None:
    assert _java_lost(tmp_path, "                synchronized (this) { visits++; }") == []
    assert _java_lost(tmp_path, "                safe.incrementAndGet();") == []
    assert _java_lost(tmp_path, "                int visits = 0; visits++;") == []
    plain = "public class C {\n    private int n;\n    void bump() {\n        n++;\n    }\n}\n"
    out = review(tmp_path, "correctness", "src/C.java", plain, raw=True)
    assert not [f for f in out.findings if f.rule_id == "WFC-COR-LOST-UPDATE"]


def _floating(tmp_path: Path, code: str) -> list[int]:
    out = review(tmp_path, "reliability", "web/audit.ts", code)
    return [f.line for f in out.findings if f.rule_id == "WFC-REL-FLOATING-PROMISE"]


def test_floating_client_promise_in_async_function_is_flagged(tmp_path: Path) -> None:
    code = (
        "interface Store {\n  record(row: object): Promise<void>;\n}\n\n"
        "export async function audit(db: Db, store: Store, row: object): Promise<boolean> {\n"
        "  db.insert('audit_log', row);\n  store.record(row);\n  return true;\n}\n"
    )
    assert _floating(tmp_path, code) == [6, 7]


def test_awaited_returned_caught_or_sync_calls_stay_clean(tmp_path: Path) -> None:
    code = (
        "export async function audit(db: Db, cache: Map<string, object>, row: object) {\n"
        "  await db.insert('audit_log', row);\n  db.insert('x', row).catch(log);\n"
        "  void db.insert('y', row);\n  const p = db.insert('z', row);\n"
        "  cache.delete('k');\n  console.log(row);\n  return p;\n}\n\n"
        "export function sync(db: Db, row: object) {\n  db.insert('audit_log', row);\n}\n"
    )
    assert _floating(tmp_path, code) == []


def _counter(tmp_path: Path, body: str) -> list[int]:
    code = f"let inFlight = 0;\n\nexport async function limited(task) {{\n{body}}}\n"
    out = review(tmp_path, "reliability", "web/limit.ts", code)
    return [f.line for f in out.findings if f.rule_id == "WFC-REL-COUNTER-NO-FINALLY"]


def test_counter_restored_after_await_without_finally_is_flagged(tmp_path: Path) -> None:
    body = "  inFlight++;\n  const r = await task();\n  inFlight--;\n  return r;\n"
    assert _counter(tmp_path, body) == [5]
    flag = "  this.busy = true;\n  await task();\n  this.busy = false;\n"
    assert _counter(tmp_path, flag) == [5]


def test_counter_in_finally_or_without_await_stays_clean(tmp_path: Path) -> None:
    guarded = "  inFlight++;\n  try {\n    return await task();\n  } finally {\n    inFlight--;\n  }\n"
    assert _counter(tmp_path, guarded) == []
    sync = "  inFlight++;\n  const r = task();\n  inFlight--;\n  return r;\n"
    assert _counter(tmp_path, sync) == []
    counted = "  inFlight++;\n  await task();\n  return inFlight;\n"
    assert _counter(tmp_path, counted) == []


def _rel(tmp_path: Path, rule: str, code: str) -> list[tuple[int, str]]:
    out = review(tmp_path, "reliability", "web/srv.js", code)
    return [(f.line, f.severity) for f in out.findings if f.rule_id == rule]


def test_interval_per_request_never_cleared_is_flagged(tmp_path: Path) -> None:
    code = (
        "function attach(app, monitor) {\n  app.get('/w/:id', (req, res) => {\n"
        "    setInterval(() => monitor.ping(req.params.id), 1000);\n    res.json({});\n  });\n}\n"
    )
    assert _rel(tmp_path, "WFC-REL-LEAKED-INTERVAL", code) == [(3, "medium")]


def test_cleared_module_level_or_returned_intervals_stay_clean(tmp_path: Path) -> None:
    code = (
        "setInterval(sweep, 60000);\n\nfunction watch(req, res) {\n"
        "  const t = setInterval(() => res.write('.'), 1000);\n"
        "  req.on('close', () => clearInterval(t));\n}\n\n"
        "function start(fn) {\n  return setInterval(fn, 10);\n}\n\n"
        "class Poller {\n  start() {\n    this.timer = setInterval(() => this.poll(), 5);\n  }\n"
        "  stop() {\n    clearInterval(this.timer);\n  }\n}\n"
    )
    assert _rel(tmp_path, "WFC-REL-LEAKED-INTERVAL", code) == []


def test_pipe_without_error_handling_is_flagged(tmp_path: Path) -> None:
    code = (
        "const fs = require('fs');\n\nfunction copyUpload(req, dest, done) {\n"
        "  const out = fs.createWriteStream(dest);\n  req.pipe(out);\n"
        "  out.on('finish', () => done(null, dest));\n}\n"
    )
    assert _rel(tmp_path, "WFC-REL-PIPE-NO-ERROR", code) == [(5, "medium")]


def test_pipe_with_error_listener_pipeline_or_rxjs_stays_clean(tmp_path: Path) -> None:
    listener = (
        "function copy(src, dest, done) {\n  src.on('error', done);\n  src.pipe(dest);\n}\n"
    )
    pipeline = (
        "const { pipeline } = require('stream');\n\nfunction copy(req, out, done) {\n"
        "  pipeline(req, out, done);\n}\n"
    )
    rx = "function f(obs) {\n  return obs.pipe(map((x) => x + 1));\n}\n"
    for code in (listener, pipeline, rx):
        assert _rel(tmp_path, "WFC-REL-PIPE-NO-ERROR", code) == [], code


def _month(tmp_path: Path, body: str) -> list[int]:
    code = f"export function parseDue(value: string): Date {{\n{body}}}\n"
    out = review(tmp_path, "correctness", "web/due.ts", code)
    return [f.line for f in out.findings if f.rule_id == "WFC-COR-DATE-MONTH"]


def test_parsed_one_based_month_passed_to_date_is_flagged(tmp_path: Path) -> None:
    body = '  const [year, month, day] = value.split("-").map(Number);\n  return new Date(year, month, day);\n'
    assert _month(tmp_path, body) == [3]


def test_month_minus_one_or_from_get_month_stays_clean(tmp_path: Path) -> None:
    minus = '  const [y, m, d] = value.split("-").map(Number);\n  return new Date(y, m - 1, d);\n'
    later = '  const [y, m, d] = value.split("-").map(Number);\n  const mm = m - 1;\n  return new Date(y, mm, d);\n'
    native = "  const now = new Date(value);\n  const m = now.getMonth();\n  return new Date(now.getFullYear(), m, 1);\n"
    for body in (minus, later, native):
        assert _month(tmp_path, body) == [], body


def test_method_name_declared_both_sync_and_async_is_not_assumed_async(tmp_path: Path) -> None:
    code = (
        "const syncCookies = {\n  write(name) {\n    document.cookie = name;\n  },\n};\n\n"
        "const asyncCookies = {\n  async write(name) {\n    await store.set(name);\n"
        "    syncCookies.write(name);\n  },\n};\n"
    )
    assert _floating(tmp_path, code) == []


def _js_cache(tmp_path: Path, code: str) -> list[tuple[int, str]]:
    out = review(tmp_path, "performance", "web/cache.ts", code)
    return [(f.line, f.severity) for f in out.findings if f.rule_id == "WFC-PERF-GROWING-GLOBAL"]


_PROFILE = (
    "const cache = new Map<string, string>();\n\n"
    "export async function profile(id: string, load: (id: string) => Promise<string>) {\n"
    "  const hit = cache.get(id);\n  if (hit) {\n    return hit;\n  }\n"
    "  const fresh = await load(id);\n  cache.set(id, fresh);\n{extra}  return fresh;\n}}\n"
)


def test_js_module_cache_growing_in_function_is_flagged(tmp_path: Path) -> None:
    assert _js_cache(tmp_path, _PROFILE.replace("{extra}", "").replace("}}", "}")) == [(9, "low")]
    handler = (
        "const sessionCache = {};\n\napp.get('/s/:id', (req, res) => {\n"
        "  sessionCache[req.params.id] = Date.now();\n  res.end();\n});\n"
    )
    assert _js_cache(tmp_path, handler) == [(4, "medium")]


def test_js_bounded_or_module_level_caches_stay_clean(tmp_path: Path) -> None:
    bounded = _PROFILE.replace("{extra}", "  if (cache.size > 1000) cache.clear();\n").replace("}}", "}")
    assert _js_cache(tmp_path, bounded) == []
    startup = "const cache = new Map();\ncache.set('a', 1);\nexport const get = (k) => cache.get(k);\n"
    assert _js_cache(tmp_path, startup) == []
    reset = "let cache = {};\nexport function put(k, v) {\n  cache[k] = v;\n}\nexport function reset() {\n  cache = {};\n}\n"
    assert _js_cache(tmp_path, reset) == []
