"""CLI that runs user-provided post-processing hooks."""
import argparse
import json


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--hook", default="")
    args = parser.parse_args()
    records = json.load(open(args.data))
    if args.hook:
        exec(compile(args.hook, "<hook>", "exec"), {"records": records})
    print(len(records))


if __name__ == "__main__":
    main()
