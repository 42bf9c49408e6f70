import json
import os
import tempfile


def save_state(state: dict) -> str:
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w") as fh:
        json.dump(state, fh)
    return path
