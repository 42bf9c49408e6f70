"""Progress on standard error: one rewritten line on a terminal, plain lines otherwise (CI logs)."""

from __future__ import annotations

import sys
from typing import Any, TextIO


def describe(event: dict[str, Any]) -> str | None:
    """A short phrase for a stream or poll event, or None when it says nothing new."""
    kind = event.get("type")
    data = event.get("data") or {}
    if kind == "stage":
        stage, state = data.get("stage"), data.get("state")
        if stage == "reviewer":
            if state == "finished":
                return f"reviewer {data.get('reviewer')} finished: {data.get('findings')} finding(s)"
            return f"reviewer {data.get('reviewer')} started"
        return f"{stage} {state}"
    if kind == "snapshot":
        return f"review is {event.get('status')}"
    if kind in ("queued", "started", "completed", "failed", "cancelled", "poll"):
        return f"review is {event.get('status')}"
    return None


class Progress:
    def __init__(self, stream: TextIO = sys.stderr, *, quiet: bool = False) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._quiet = quiet
        self._last = ""
        self._width = 0

    def say(self, line: str) -> None:
        """A message that must stay visible (retries, fallbacks, errors)."""
        self._clear()
        print(f"wfc: {line}", file=self._stream, flush=True)

    def event(self, event: dict[str, Any]) -> None:
        text = describe(event)
        if self._quiet or text is None or text == self._last:
            return
        self._last = text
        line = f"[{int(event.get('progress') or 0):3d}%] {text}"
        if self._tty:
            pad = max(0, self._width - len(line))
            self._stream.write("\r" + line + " " * pad)
            self._width = len(line)
            self._stream.flush()
        else:
            print(f"wfc: {line}", file=self._stream, flush=True)

    def done(self) -> None:
        self._clear()

    def _clear(self) -> None:
        if self._tty and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0
