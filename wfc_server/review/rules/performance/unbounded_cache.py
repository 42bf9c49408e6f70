"""Unbounded cache: 3 rules (WFC-PERF-CACHED-METHOD, WFC-PERF-GROWING-GLOBAL, WFC-PERF-UNBOUNDED-CACHE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


CACHED_METHOD = Rule(
    id="WFC-PERF-CACHED-METHOD",
    role=Role.PERFORMANCE,
    severity=Severity.MEDIUM,
    title="lru_cache/cache on a method",
    concept="unbounded-cache",
    languages=frozenset({"python"}),
    cwe="CWE-400",
    confidence=85,
    doc=RuleDoc(
        what=(
            "The cache holds a reference to every `self` it has seen, so instances are never freed "
            "and the cache grows without bound."
        ),
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="@functools.cache",
        fix="Cache a module-level function, or use a per-instance cache.",
    ),
    suggestions={
        "*": "Cache a module-level function, or use a per-instance cache.",
    },
)


GROWING_GLOBAL = Rule(
    id="WFC-PERF-GROWING-GLOBAL",
    role=Role.PERFORMANCE,
    severity=Severity.MEDIUM,
    title="Module-level container grows without bound",
    concept="unbounded-cache",
    languages=frozenset({"python", "typescript"}),
    cwe="CWE-401",
    confidence=65,
    doc=RuleDoc(
        what=(
            "A function adds to a module-level dict/list and nothing ever removes entries, so memory "
            "grows for the life of the process."
        ),
        why=(
            "Memory is retained long after it is needed and grows with traffic until the process is "
            "killed (CWE-401)."
        ),
        example="_cache[key] = compute(key)",
        fix="Bound it (functools.lru_cache(maxsize=...), an LRU/TTL cache) or evict entries.",
    ),
    suggestions={
        "python": "Bound it (functools.lru_cache(maxsize=...), an LRU/TTL cache) or evict entries.",
        "javascript": "Bound the cache (LRU with a max size, TTL eviction) or delete entries when done.",
    },
)


UNBOUNDED_CACHE = Rule(
    id="WFC-PERF-UNBOUNDED-CACHE",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="Unbounded memoisation cache",
    concept="unbounded-cache",
    languages=frozenset({"python"}),
    cwe="CWE-400",
    confidence=60,
    doc=RuleDoc(
        what=(
            "maxsize=None / @cache keeps every distinct argument forever; with high-cardinality "
            "arguments the process grows without limit."
        ),
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="@functools.lru_cache(maxsize=None)",
        fix="Give the cache a maxsize (e.g. 1024).",
    ),
    suggestions={
        "*": "Give the cache a maxsize (e.g. 1024).",
    },
)


RULES = (
    CACHED_METHOD,
    GROWING_GLOBAL,
    UNBOUNDED_CACHE,
)
