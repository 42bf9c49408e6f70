def add_tag(item: dict, tag: str, tags=[]) -> list:
    """Attach a tag to an item, returning all tags seen for it."""
    tags.append(tag)
    item["tags"] = tags
    return tags


def tag_all(items: list[dict], tag: str) -> None:
    for item in items:
        add_tag(item, tag)
