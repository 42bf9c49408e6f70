"""Spools an export under a predictable name in /tmp."""


def spool(job_id: int, rows: list) -> str:
    path = "/tmp/export-%d.csv" % job_id
    with open(path, "w") as fh:
        fh.write("\n".join(map(str, rows)))
    return path
