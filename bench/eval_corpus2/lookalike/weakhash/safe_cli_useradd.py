"""CLI that adds a user; password stored with scrypt, file checksum with sha1."""
import argparse
import getpass
import hashlib
import os


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("user")
    args = ap.parse_args()
    pw = getpass.getpass()
    salt = os.urandom(16)
    digest = hashlib.scrypt(pw.encode(), salt=salt, n=2**14, r=8, p=1).hex()
    line = f"{args.user}:{salt.hex()}:{digest}\n"
    etag = hashlib.sha1(line.encode(), usedforsecurity=False).hexdigest()
    with open("users.db", "a") as fh:
        fh.write(line)
    print(etag)


if __name__ == "__main__":
    main()
