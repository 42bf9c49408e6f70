"""Function metrics (cyclomatic complexity, length, parameters) from lizard.

lizard is used as a library: it parses ~20 languages without executing anything and costs
about 40 ms per 2,700 lines, so it runs in-process. Languages it does not know yield nothing.
"""

from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

import lizard

from wfc_server.review.model import AnalyzerError

#: Suffixes lizard has a reader for (the subset this service sees in practice).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {
        ".py",
        ".js",
        ".jsx",
        ".mjs",
        ".cjs",
        ".ts",
        ".tsx",
        ".go",
        ".java",
        ".c",
        ".h",
        ".cc",
        ".cpp",
        ".hpp",
        ".cs",
        ".rb",
        ".php",
        ".rs",
        ".kt",
        ".swift",
        ".scala",
        ".lua",
    }
)


@dataclass(frozen=True, slots=True)
class FunctionMetrics:
    name: str
    long_name: str
    start_line: int
    end_line: int
    ccn: int
    nloc: int
    params: int
    #: Parameters a caller must pass by position (no default, not keyword-only, not self/cls).
    #: Equals ``params`` where lizard keeps no default information (most non-Python readers).
    required_positional: int


def supports(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in SUPPORTED_SUFFIXES


def function_metrics(path: str, text: str) -> tuple[FunctionMetrics, ...]:
    """Metrics of every function lizard finds in ``text`` (read as if it were at ``path``)."""
    if not supports(path) or not text.strip():
        return ()
    return _analyse(PurePosixPath(path).name, text)


@functools.lru_cache(maxsize=64)
def _analyse(name: str, text: str) -> tuple[FunctionMetrics, ...]:
    analyzer = lizard.FileAnalyzer(lizard.get_extensions([]))
    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter):  # lizard prints its own skip notices
            info = analyzer.analyze_source_code(name, text)
    except RecursionError:
        raise AnalyzerError(f"lizard could not process {name}: nesting too deep") from None
    except Exception as exc:  # lizard's readers raise assorted errors on malformed code
        raise AnalyzerError(f"lizard could not process {name}: {type(exc).__name__}") from None
    if "fail to process" in chatter.getvalue():
        raise AnalyzerError(f"lizard could not process {name}")
    return tuple(
        FunctionMetrics(
            name=fn.name,
            long_name=fn.long_name,
            start_line=fn.start_line,
            end_line=fn.end_line,
            ccn=fn.cyclomatic_complexity,
            nloc=fn.nloc,
            params=fn.parameter_count,
            required_positional=_required_positional(fn.full_parameters, fn.parameter_count),
        )
        for fn in info.function_list
    )


def _required_positional(parameters: list[str], count: int) -> int:
    """Count parameters without a default before any ``*``/``*args`` marker.

    Long lists of optional or keyword-only parameters cannot be passed in the wrong order, so
    they deserve less attention than the same number of required positional ones.
    """
    required = 0
    for raw in parameters:
        param = raw.strip()
        if param.startswith("*"):
            break
        if not param or "=" in param or param.endswith("?") or param in {"self", "cls", "/"}:
            continue
        required += 1
    return min(required, count)
