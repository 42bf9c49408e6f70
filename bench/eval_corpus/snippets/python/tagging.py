from dataclasses import dataclass


@dataclass
class Post:
    title: str
    tags: list[str]


def with_tag(tag: str, tags: list[str] = []) -> list[str]:
    tags.append(tag.lower())
    return tags


def tag_post(post: Post, tag: str) -> Post:
    return Post(post.title, with_tag(tag))
