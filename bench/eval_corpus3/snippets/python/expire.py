import time


def drop_expired(sessions: dict[str, float], now: float | None = None) -> int:
    now = now or time.time()
    dropped = 0
    for sid in sessions:
        if sessions[sid] < now:
            del sessions[sid]
            dropped += 1
    return dropped
