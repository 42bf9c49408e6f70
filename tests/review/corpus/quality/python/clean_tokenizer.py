"""A small tokenizer for the filter expression language."""

from __future__ import annotations

from dataclasses import dataclass

OPERATORS = {"=", "!=", "<", "<=", ">", ">="}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


class TokenizeError(ValueError):
    pass


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch.isspace():
            i += 1
            continue
        if ch.isalpha() or ch == "_":
            start = i
            while i < len(source) and (source[i].isalnum() or source[i] == "_"):
                i += 1
            tokens.append(Token("name", source[start:i], start))
            continue
        if ch in "<>!=":
            two = source[i : i + 2]
            op = two if two in OPERATORS else ch
            if op not in OPERATORS:
                raise TokenizeError(f"unexpected {ch!r} at {i}")
            tokens.append(Token("op", op, i))
            i += len(op)
            continue
        if ch == '"':
            end = source.find('"', i + 1)
            if end < 0:
                raise TokenizeError(f"unterminated string at {i}")
            tokens.append(Token("string", source[i + 1 : end], i))
            i = end + 1
            continue
        raise TokenizeError(f"unexpected {ch!r} at {i}")
    return tokens


def describe(tokens: list[Token]) -> str:
    parts = [f"{t.kind}:{t.text}" for t in tokens]
    return " ".join(parts) if parts else "<empty>"
