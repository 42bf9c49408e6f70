import hashlib


def etag_for(body: bytes) -> str:
    return hashlib.md5(body).hexdigest()


def file_sha1(path: str) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        h.update(fh.read())
    return h.hexdigest()
