"""Small text helpers used by the importer."""

import re


def normalise_header(value: str) -> str:
    value.strip()  # wfc-expect: correctness medium
    return value.lower().replace(" ", "_")


def last_words(words: list[str], count: int) -> list[str]:
    result = []
    for i in range(len(words) - count, len(words) + 1):  # wfc-expect: correctness medium
        result.append(words[i])
    return result


def clean_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        pattern = re.compile(r"\s+")  # wfc-expect: performance low
        out += pattern.sub(" ", line) + "\n"
    return out


def is_blank(value):
    if value is not None or value != "":  # wfc-expect: correctness medium
        return False
    return True


def strip_comments(source: str) -> str:
    return re.sub(r"#.*$", "", source, re.MULTILINE)  # wfc-expect: correctness medium
