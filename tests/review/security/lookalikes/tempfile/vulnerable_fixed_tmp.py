import json


def save_state(state: dict) -> str:
    path = "/tmp/app_state.json"
    with open("/tmp/app_state.json", "w") as fh:
        json.dump(state, fh)
    return path
