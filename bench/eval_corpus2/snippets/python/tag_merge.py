def merge_tags(item, extra=[]):
    extra.extend(item.get("tags", []))
    return sorted(set(extra))


def tag_counts(items):
    counts = {}
    for it in items:
        for t in merge_tags(it):
            counts[t] = counts.get(t, 0) + 1
    return counts
