import tarfile


def unpack_upload(upload_path, dest):
    with tarfile.open(upload_path) as tar:
        tar.extractall(dest)
