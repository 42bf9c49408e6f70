import ast


def parse_literal(raw: str) -> object:
    """Settings values are Python literals typed by operators ("[1, 2]", "{'a': 1}")."""
    return ast.literal_eval(raw)
