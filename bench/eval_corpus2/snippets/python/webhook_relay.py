import requests


def relay(event: dict, targets: list[str]) -> int:
    delivered = 0
    for target in targets:
        resp = requests.post(target, json=event)
        if resp.ok:
            delivered += 1
    return delivered
