"""CLI that runs named post-processing hooks from a registry."""
import argparse
import json

HOOKS = {
    "dedupe": lambda rs: list({json.dumps(r, sort_keys=True): r for r in rs}.values()),
    "count": lambda rs: rs,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--hook", choices=sorted(HOOKS), default="count")
    args = parser.parse_args()
    with open(args.data) as fh:
        records = json.load(fh)
    print(len(HOOKS[args.hook](records)))


if __name__ == "__main__":
    main()
