"""Rebuild the third-party evaluation files from local clones into the git-ignored ``bench/external/``.

    .venv/bin/python bench/corpora.py rebuild [--corpus NAME ...] [--mirrors /work/.mirror]
    .venv/bin/python bench/corpora.py check   [--corpus NAME ...]
    .venv/bin/python bench/corpora.py list

Why: everything committed here is written by this project. Public code used to evaluate the
engine (vulnerable apps, clean files of maintained projects, pre-fix files of upstream fixes,
the OWASP Benchmark for Python) stays outside the repository; what is committed is each file's
provenance in a manifest (repository, commit, path, line ranges, licence, sha256) and this
script, which writes the files back byte for byte:

* ``git`` entries read ``git show COMMIT:PATH`` from a bare clone at
  ``<mirrors>/<owner>+<name>/repo`` (what the search tool's ``fetch`` leaves under
  ``/work/.mirror``; any ``git clone --mirror`` laid out the same way works);
* ``pypi`` entries (``"pypi": "name==version"``) read a member of that released wheel: from the
  local ``.venv`` when the installed version matches, else from ``pip download`` (PyPI only);
* ``parts`` (optional) select upstream lines for an excerpt: ``[a, b]`` keeps lines a..b
  (1-based, inclusive); ``["cut", n, k, "suffix"]`` keeps the first k characters of line n and
  appends a suffix written here (how a shortened docstring line is expressed); a plain string is
  text written here. Without ``parts`` the file is taken whole.

Every rebuilt file is checked against the manifest's sha256; a mismatch or a missing clone is
reported per file and makes the command exit 1 (the files that did rebuild are still written).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
#: Git-ignored home of every rebuilt third-party file: ``bench/external/<corpus>/<file>``.
EXTERNAL = BENCH / "external"
DEFAULT_MIRRORS = Path("/work/.mirror")

#: name -> (manifest, role). Tuning sets were used to develop the rules; held-out sets are scored
#: once before any change made because of them (see bench/README.md). heldout1 and heldout2 keep
#: their names but were retired to tuning on 2026-12-03, when the engine was changed because of
#: their per-case misses.
CORPORA: dict[str, tuple[Path, str]] = {
    "eval_corpus": (BENCH / "eval_corpus" / "MANIFEST.json", "tuning"),
    "eval_corpus2": (BENCH / "eval_corpus2" / "MANIFEST.json", "tuning"),
    "eval_corpus3": (BENCH / "eval_corpus3" / "MANIFEST.json", "tuning"),
    "eval_corpus4": (BENCH / "eval_corpus4" / "MANIFEST.json", "tuning"),
    "heldout1": (BENCH / "heldout" / "heldout1" / "MANIFEST.json", "tuning"),
    "heldout2": (BENCH / "heldout" / "heldout2" / "MANIFEST.json", "tuning"),
    "heldout3": (BENCH / "heldout" / "heldout3" / "MANIFEST.json", "held-out"),
    "heldout4": (BENCH / "heldout" / "heldout4" / "MANIFEST.json", "held-out"),
    "owasp_python": (BENCH / "heldout" / "owasp_python" / "MANIFEST.json", "held-out"),
}


def external_dir(corpus: str) -> Path:
    """Where the rebuilt files of ``corpus`` live (git-ignored)."""
    return EXTERNAL / corpus


def manifest_entries(corpus: str) -> list[dict[str, Any]]:
    """The file entries of a corpus manifest (``real`` in the tuning sets, ``files`` elsewhere)."""
    manifest = json.loads(CORPORA[corpus][0].read_text())
    return list(manifest.get("real") or manifest.get("files") or [])


@dataclass
class Outcome:
    file: str
    ok: bool
    reason: str = ""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clone_dir(mirrors: Path, repo: str) -> Path:
    return mirrors / repo.replace("/", "+") / "repo"


def git_blob(mirrors: Path, repo: str, commit: str, path: str) -> bytes:
    """``git show COMMIT:PATH`` from the local clone; RuntimeError says what is missing."""
    git_dir = clone_dir(mirrors, repo)
    if not git_dir.is_dir():
        raise RuntimeError(f"no local clone of {repo} at {git_dir} (fetch it first)")
    proc = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"git show {commit[:12]}:{path} failed in {repo}: {proc.stderr.decode()[:200].strip()}"
        )
    return proc.stdout


class WheelCache:
    """Released wheels, read from the local venv when the version matches, else ``pip download``."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache

    def member(self, requirement: str, member: str) -> bytes:
        name, _, version = requirement.partition("==")
        local = self._installed(name, version, member)
        if local is not None:
            return local
        wheel = self._download(requirement, name, version)
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(member)

    @staticmethod
    def _installed(name: str, version: str, member: str) -> bytes | None:
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            return None
        if dist.version != version:
            return None
        path = Path(str(dist.locate_file(member)))
        return path.read_bytes() if path.is_file() else None

    def _download(self, requirement: str, name: str, version: str) -> Path:
        stem = name.replace("-", "_").lower()
        found = [p for p in self.cache.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-")]
        if not found:
            self.cache.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "-q",
                    "--no-deps",
                    "--only-binary",
                    ":all:",
                    "-d",
                    str(self.cache),
                    requirement,
                ],
                check=True,
                timeout=300,
            )
            found = [p for p in self.cache.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-")]
        if not found:
            raise RuntimeError(f"no wheel for {requirement}")
        return found[0]


def assemble(upstream: bytes, parts: list[Any] | None) -> bytes:
    """Apply an entry's ``parts`` to the upstream file (see the module docstring)."""
    if parts is None:
        return upstream
    lines = upstream.decode("utf-8").splitlines(keepends=True)
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part and part[0] == "cut":
            _, line, keep, suffix = part
            out.append(lines[line - 1][:keep] + suffix)
        else:
            first, last = part
            out.extend(lines[first - 1 : last])
    return "".join(out).encode("utf-8")


def source_bytes(entry: dict[str, Any], mirrors: Path, wheels: WheelCache) -> bytes:
    if entry.get("pypi"):
        upstream = wheels.member(entry["pypi"], entry["member"])
    else:
        upstream = git_blob(mirrors, entry["repo"], entry["commit"], entry["path"])
    return assemble(upstream, entry.get("parts"))


def rebuild(corpus: str, mirrors: Path, write: bool = True) -> list[Outcome]:
    """Write every file of ``corpus`` under ``bench/external/<corpus>/`` and check its hash."""
    wheels = WheelCache(EXTERNAL / ".wheels")
    target = external_dir(corpus)
    outcomes: list[Outcome] = []
    for entry in manifest_entries(corpus):
        rel = entry["file"]
        try:
            data = source_bytes(entry, mirrors, wheels)
        except (RuntimeError, OSError, KeyError, subprocess.SubprocessError) as exc:
            outcomes.append(Outcome(rel, False, str(exc)))
            continue
        if sha256(data) != entry["sha256"]:
            outcomes.append(Outcome(rel, False, "sha256 differs from the manifest"))
            continue
        if write:
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
        outcomes.append(Outcome(rel, True))
    return outcomes


def check_present(corpus: str) -> list[Outcome]:
    """Are the rebuilt files there and unchanged? (No clone needed.)"""
    target = external_dir(corpus)
    outcomes = []
    for entry in manifest_entries(corpus):
        path = target / entry["file"]
        if not path.is_file():
            outcomes.append(Outcome(entry["file"], False, "missing: run bench/corpora.py rebuild"))
        elif sha256(path.read_bytes()) != entry["sha256"]:
            outcomes.append(Outcome(entry["file"], False, "changed since rebuild"))
        else:
            outcomes.append(Outcome(entry["file"], True))
    return outcomes


def require(corpus: str) -> Path:
    """For the scorers: the corpus folder, or exit with the command that rebuilds it."""
    bad = [o for o in check_present(corpus) if not o.ok]
    if bad:
        raise SystemExit(
            f"{len(bad)} third-party file(s) of {corpus} missing or changed under {external_dir(corpus)} "
            f"(first: {bad[0].file}: {bad[0].reason}); run: .venv/bin/python bench/corpora.py rebuild --corpus {corpus}"
        )
    return external_dir(corpus)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("rebuild", "check", "list"))
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: all")
    parser.add_argument(
        "--mirrors", type=Path, default=DEFAULT_MIRRORS, help="folder of <owner>+<name>/repo clones"
    )
    args = parser.parse_args()
    names = args.corpus or list(CORPORA)
    if args.command == "list":
        for name in names:
            manifest, role = CORPORA[name]
            print(
                f"{name:14s} {role:9s} {len(manifest_entries(name)):4d} files  {manifest.relative_to(BENCH.parent)}"
            )
        return
    failed = 0
    for name in names:
        outcomes = rebuild(name, args.mirrors) if args.command == "rebuild" else check_present(name)
        bad = [o for o in outcomes if not o.ok]
        failed += len(bad)
        print(f"{name}: {len(outcomes) - len(bad)}/{len(outcomes)} ok -> {external_dir(name)}")
        for o in bad:
            print(f"   {o.file}: {o.reason}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
