def tag_item(item: dict, tag: str, seen=[]) -> dict:
    if tag not in seen:
        seen.append(tag)
    item["tags"] = seen
    return item
