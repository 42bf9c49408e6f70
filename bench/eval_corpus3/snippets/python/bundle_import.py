import tarfile
from pathlib import Path


def import_bundle(upload_path: Path, workspace: Path) -> list[str]:
    with tarfile.open(upload_path) as bundle:
        names = bundle.getnames()
        bundle.extractall(workspace)
    return names
