def drop_expired(cache: dict[str, tuple[float, bytes]], now: float) -> None:
    for key in cache:
        expires_at, _ = cache[key]
        if expires_at < now:
            del cache[key]
