"""Build the weekly activity report."""

import copy
import functools


def active_users(events: list[dict], staff_ids: list[int]) -> list[int]:
    staff = [int(s) for s in staff_ids]
    seen = []
    for event in events:
        uid = event["user_id"]
        if uid in staff:  # wfc-expect: performance medium
            continue
        if uid not in seen:  # wfc-expect: performance medium
            seen.append(uid)
    return seen


def snapshot_rows(rows: list[dict], template: dict) -> list[dict]:
    out = []
    for row in rows:
        item = copy.deepcopy(template)  # wfc-expect: performance low
        item.update(row)
        out.append(item)
    return out


class Formatter:
    @functools.lru_cache(maxsize=None)  # wfc-expect: performance medium
    def format_user(self, user_id: int) -> str:
        return f"user-{user_id:08d}"


def load_lines(path: str) -> int:
    count = 0
    with open(path) as fh:
        for line in fh.readlines():  # wfc-expect: performance low
            if line.strip():
                count += 1
    return count
