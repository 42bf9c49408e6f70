"""Archive entry names as a taint source (WFC-SEC-ZIPSLIP, CWE-22) for Go, Java and JavaScript.

The name stored in a zip / tar entry is chosen by whoever built the archive: ``../../etc/cron.d/x``
or an absolute path. Joined under a destination directory and written without a containment
check, it writes anywhere the process may ("zip slip"). Only a file that reads an archive
library gets this source, and only variables that hold an entry (bound by ``range r.File``,
``tr.Next()``, ``getNextEntry()``, an entry callback...) count, so ``user.Name`` stays data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_S = re.compile


@dataclass(frozen=True, slots=True)
class EntrySpec:
    """How one language reads archives: the library hint, entry bindings and the name read."""

    library: re.Pattern[str]  # the file uses an archive library
    binders: tuple[re.Pattern[str], ...]  # group 1: a variable bound to an entry
    name_read: str  # regex template: {var} reads the entry's name
    reducers: re.Pattern[str]  # calls that keep only the last path element of their argument
    guards: re.Pattern[str]  # containment / traversal checks that make the function safe


_GO = EntrySpec(
    library=_S(r'"archive/(zip|tar)"'),
    binders=(
        _S(r"for\s+_\s*,\s*(\w+)\s*:=\s*range\s+[\w.()]*\bFile\b"),
        _S(r"\b(\w+)\s*,\s*\w+\s*:?=\s*\w+\.Next\(\)"),
    ),
    name_read=r"\b{var}\.(Name\b|FileInfo\(\)\.Name\(\)|FileHeader\.Name\b|Linkname\b)",
    reducers=_S(r"\b(filepath|path)\.Base\([^()]*(\([^()]*\))?[^()]*\)"),
    guards=_S(r"strings\.HasPrefix\(|filepath\.Rel\(|filepath\.IsLocal\(|strings\.Contains\([^)]*\"\.\.\"|"
              r"securejoin\.|SecureJoin\("),
)
_JAVA = EntrySpec(
    library=_S(r"\b(ZipInputStream|ZipFile|JarFile|JarInputStream|TarArchiveInputStream|ArchiveInputStream|"
               r"ZipArchiveInputStream)\b"),
    binders=(
        _S(r"\b(?:Zip|Jar|TarArchive|ZipArchive|Archive)Entry\s+(\w+)\b"),
        _S(r"\b(\w+)\s*=\s*[\w.]+\.(?:getNextEntry|getNextZipEntry|getNextTarEntry|getNextJarEntry|nextElement)\(\)"),
    ),
    name_read=r"\b{var}\.getName\(\)",
    reducers=_S(r"\bFilenameUtils\.getName\([^()]*(\([^()]*\))?[^()]*\)|\.getFileName\(\)"),
    guards=_S(r"\.startsWith\(|getCanonicalPath\(\)|toRealPath\(|\.contains\(\s*\"\.\.\"|"
              r"\.normalize\(\)\s*\.startsWith|relativize\("),
)
_JS = EntrySpec(
    library=_S(r"""['"](adm-zip|unzipper|yauzl|tar-stream|jszip|tar|decompress|node-stream-zip|extract-zip)['"]"""),
    binders=(
        _S(r"(?:getEntries\(\)|\.entries|\.files)\s*\.(?:forEach|map)\(\s*(?:async\s*)?(?:function\s*\w*\s*)?\(?\s*(\w+)"),
        _S(r"\bfor\s*\(\s*(?:const|let|var)\s+(\w+)\s+of\s+[\w.]*(?:getEntries\(\)|entries|files)\b"),
        _S(r"\.on\(\s*['\"](?:entry|file)['\"]\s*,\s*(?:async\s*)?(?:function\s*\w*\s*)?\(?\s*(\w+)"),
        _S(r"\b\w*[zZ]ip\w*\.forEach\(\s*(?:async\s*)?\(?\s*(\w+)\s*,"),  # jszip (relativePath, file)
    ),
    name_read=r"(?<![.\w$]){var}(\.(entryName|path|fileName|name)\b)?",
    reducers=_S(r"\bpath\.basename\([^()]*(\([^()]*\))?[^()]*\)|\bbasename\([^()]*\)"),
    guards=_S(r"\.startsWith\(|path\.relative\(|\.includes\(\s*['\"]\.\.['\"]|\.indexOf\(\s*['\"]\.\.['\"]|"
              r"isAbsolute\(|\bsanitize\w*\("),
)
SPECS: dict[str, EntrySpec] = {"go": _GO, "java": _JAVA, "javascript": _JS, "typescript": _JS}
#: JS entry variables must carry a name member unless bound as the jszip path argument.
_JS_MEMBER_ONLY = _S(r"\.(entryName|path|fileName|name)\b")


@dataclass(frozen=True, slots=True)
class ArchiveNames:
    """Entry-name reads of one file: which expressions are archive-chosen names."""

    pattern: re.Pattern[str] | None
    spec: EntrySpec | None

    def read_in(self, code: str) -> str | None:
        """The entry-name read in ``code`` (text of an expression), ignoring reduced names."""
        if self.pattern is None or self.spec is None:
            return None
        m = self.pattern.search(self.spec.reducers.sub("_", code))
        return m.group(0) if m else None

    def guarded(self, function_text: str) -> bool:
        """Whether the function checks the joined path stays inside the destination."""
        return self.spec is not None and self.spec.guards.search(function_text) is not None


NO_ARCHIVE = ArchiveNames(None, None)


def archive_names(language: str, text: str) -> ArchiveNames:
    """Entry-name reads for ``text``; ``NO_ARCHIVE`` unless it uses an archive library."""
    spec = SPECS.get(language)
    if spec is None or not spec.library.search(text):
        return NO_ARCHIVE
    names = {m.group(1) for binder in spec.binders for m in binder.finditer(text)}
    names.discard("_")
    if not names:
        return NO_ARCHIVE
    reads = []
    for var in sorted(names):
        read = spec.name_read.format(var=re.escape(var))
        if spec is _JS and not re.search(rf"\b{re.escape(var)}\s*,\s*\w+\s*\)?\s*=>", text):
            read = rf"(?<![.\w$]){re.escape(var)}{_JS_MEMBER_ONLY.pattern}"
        reads.append(read)
    return ArchiveNames(re.compile("|".join(f"(?:{r})" for r in reads)), spec)
