def active_users(users: list[dict], banned_ids: list[int]) -> list[dict]:
    result = []
    for user in users:
        if user["id"] in banned_ids:
            continue
        result.append(user)
    return result
