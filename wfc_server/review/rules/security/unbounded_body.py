"""A request body read whole into memory with no size cap (a missing guard, CWE-770).

``io.ReadAll(r.Body)`` in a Go handler, or a Node ``req.on('data')`` loop that appends every
chunk, reads however many bytes the client sends: one large or endless upload exhausts memory.
The guard that is missing is the cap next to the read (``http.MaxBytesReader``,
``io.LimitReader``, a running length check), so a handler that has one is not reported.
"""

from __future__ import annotations

import re

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

UNBOUNDED_BODY = Rule(
    id="WFC-SEC-UNBOUNDED-BODY",
    role=Role.SECURITY,
    severity=Severity.LOW,
    title="Request body read without a size limit",
    concept="unbounded-body-read",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-770",
    confidence=60,
    doc=RuleDoc(
        what="A handler reads the whole request body into memory without capping its size.",
        why="A client can send an arbitrarily large (or never-ending) body and exhaust the server's "
        "memory, taking every other request down with it (CWE-770).",
        example="body, err := io.ReadAll(r.Body)",
        fix="Cap the body before reading it (http.MaxBytesReader / io.LimitReader, or a running length "
        "check that aborts the request).",
    ),
    suggestions={
        "go": "Wrap the body first: r.Body = http.MaxBytesReader(w, r.Body, 1<<20).",
        "javascript": "Count the bytes in the 'data' handler and destroy the request past a limit, or use "
        "a body parser with a `limit`.",
        "typescript": "Count the bytes in the 'data' handler and destroy the request past a limit, or use "
        "a body parser with a `limit`.",
        "java": "Check getContentLengthLong() against a limit and read through a bounded stream "
        "(readNBytes(limit + 1), BoundedInputStream).",
        "python": "Set MAX_CONTENT_LENGTH (Flask) or check the Content-Length against a limit and read at most "
        "limit + 1 bytes.",
    },
)
RULES = (UNBOUNDED_BODY,)

#: Per language: a whole-body read of the request, and the caps that bound it.
READS = {
    "go": re.compile(r"\b(io|ioutil)\.ReadAll\(\s*(r|req|request)\.Body\s*\)|\b(c|ctx)\.GetRawData\(\)"),
    "javascript": re.compile(r"\b(req|request)\.on\(\s*['\"]data['\"]"),
}
READS["typescript"] = READS["javascript"]
READS["java"] = re.compile(
    r"\b(request|req|httpRequest|servletRequest|httpServletRequest)\.(getInputStream|getReader)\(\)\s*\."
    r"(readAllBytes|lines)\(\)|\b(IOUtils\.(toByteArray|toString)|StreamUtils\.copyToByteArray|"
    r"StreamUtils\.copyToString|ByteStreams\.toByteArray|CharStreams\.toString)\(\s*"
    r"(request|req|httpRequest|servletRequest|httpServletRequest)\.(getInputStream|getReader)\(\)")
CAPS = {
    "go": re.compile(r"MaxBytesReader|LimitReader|ContentLength\s*>|MaxMultipartMemory|io\.CopyN\("),
    "javascript": re.compile(r"\.length\s*>|byteLength\s*>|\blimit\b|destroy\(\)|maxBodyLength|MAX_\w*(SIZE|BYTES)"),
}
CAPS["typescript"] = CAPS["javascript"]
CAPS["java"] = re.compile(r"getContentLength(Long)?\(\)\s*[<>]|BoundedInputStream|LimitInputStream|readNBytes\(|"
                          r"ByteStreams\.limit\(|MAX_\w*(SIZE|BYTES|LENGTH)")


def unbounded_reads(language: str, function_text: str) -> list[int]:
    """0-based line offsets (within the function) of uncapped whole-body reads."""
    read, cap = READS.get(language), CAPS.get(language)
    if read is None or cap is None or cap.search(function_text):
        return []
    return [function_text.count("\n", 0, m.start()) for m in read.finditer(function_text)]
