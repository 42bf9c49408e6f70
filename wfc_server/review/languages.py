"""Which language a path is, and whether it is a test, fixture or docs path."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_BY_SUFFIX: dict[str, str] = {
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".ts": "typescript", ".tsx": "typescript", ".mts": "typescript", ".cts": "typescript",
    ".go": "go",
    ".java": "java",
    ".sql": "sql",
    ".rb": "ruby", ".php": "php", ".c": "c", ".h": "c", ".cc": "cpp", ".cpp": "cpp",
    ".hpp": "cpp", ".cs": "csharp", ".rs": "rust", ".kt": "kotlin", ".swift": "swift",
    ".scala": "scala", ".lua": "lua", ".sh": "shell", ".bash": "shell",
    ".html": "html", ".htm": "html", ".yml": "yaml", ".yaml": "yaml", ".json": "json",
    ".toml": "toml", ".ini": "ini", ".cfg": "ini", ".env": "dotenv", ".md": "markdown",
    ".rst": "text", ".txt": "text", ".xml": "xml", ".tf": "terraform",
}

_TEST_PATH = re.compile(
    r"(^|/)(tests?|testing|spec|specs|__tests__|fixtures?|testdata|test_data|mocks?|examples?|"
    r"samples?|docs?|documentation)(/|$)"
    r"|(^|/)test_[^/]*$|_test\.[a-z]+$|(^|/)[^/]*_tests?\.py$|\.(test|spec)\.[jt]sx?$|Test\.java$"
    r"|(^|/)conftest\.py$|\.(md|rst)$",
    re.IGNORECASE,
)


def language_for_path(path: str) -> str:
    """Language name by file suffix ("other" when unknown); Dockerfile and the like by name."""
    pure = PurePosixPath(path)
    name = pure.name
    if name == "Dockerfile" or name.startswith("Dockerfile."):
        return "dockerfile"
    if name.startswith(".env"):
        return "dotenv"
    return _BY_SUFFIX.get(pure.suffix.lower(), "other")


def is_test_path(path: str) -> bool:
    """Tests, fixtures, docs and examples: where fake secrets and loose metrics are normal."""
    return bool(_TEST_PATH.search(path))
