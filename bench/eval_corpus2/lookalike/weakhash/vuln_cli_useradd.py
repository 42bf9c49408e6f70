"""CLI that adds a user to the local credentials file."""
import argparse
import getpass
import hashlib


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("user")
    args = ap.parse_args()
    pw = getpass.getpass()
    digest = hashlib.sha1(pw.encode()).hexdigest()
    with open("users.db", "a") as fh:
        fh.write(f"{args.user}:{digest}\n")


if __name__ == "__main__":
    main()
