"""Published schemas for the report formats, and diffs that produce findings in each language."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from tests.helpers import ROOT

CORPUS = ROOT / "tests" / "review" / "corpus"
#: One file per supported language that the reviewers flag.
LANGUAGE_SAMPLES = {
    "python": CORPUS / "security" / "python" / "flask_user_search.py",
    "javascript": CORPUS / "security" / "javascript" / "express_users.js",
    "typescript": CORPUS / "security" / "typescript" / "accountHandlers.ts",
    "go": CORPUS / "security" / "go" / "users_handler.go",
    "java": CORPUS / "security" / "java" / "UserController.java",
    "sql": CORPUS / "security" / "sql" / "mysql_dynamic.sql",
}


def schema_dir() -> Path:
    """``../shared/schemas`` beside the checkout (CI), or the machine's shared copy."""
    candidates = [os.environ.get("WFC_SHARED_SCHEMAS", ""), str(ROOT.parent / "shared" / "schemas"),
                  "/work/shared/schemas"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "sarif-schema-2.1.0.json").is_file():
            return Path(candidate)
    pytest.fail(f"published schemas not found in any of {candidates}")


@cache
def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(json.loads((schema_dir() / name).read_text()))


def schema_errors(name: str, document: Any) -> list[str]:
    """Every violation of the schema ``name`` (relative to the schema directory)."""
    return [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in _validator(name).iter_errors(document)]


def new_file_diff(path: str, text: str) -> str:
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    return (f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n"
            f"+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}")


def language_diff(language: str) -> tuple[str, str]:
    """(repository path, diff adding the sample file) for ``language``."""
    sample = LANGUAGE_SAMPLES[language]
    path = f"src/{language} dir/{sample.name}"  # a space: URIs must be percent-encoded
    return path, new_file_diff(path, sample.read_text())
