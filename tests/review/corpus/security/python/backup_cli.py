"""Nightly backup command: dumps the database and uploads it."""
import argparse
import datetime
import subprocess
import sys


def dump(database: str, out_dir: str) -> str:
    stamp = datetime.date.today().isoformat()
    target = f"{out_dir}/{database}-{stamp}.sql.gz"
    with open(target, "wb") as fh:
        dump_proc = subprocess.Popen(["pg_dump", "--no-owner", database], stdout=subprocess.PIPE)
        subprocess.run(["gzip", "-c"], stdin=dump_proc.stdout, stdout=fh, check=True)
        dump_proc.wait()
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--out", default="/var/backups")
    args = parser.parse_args(argv)
    path = dump(args.database, args.out)
    subprocess.run(["aws", "s3", "cp", path, "s3://backups-example/"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
