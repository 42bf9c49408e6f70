import zipfile
from pathlib import Path


def install_theme(upload, themes_dir: Path) -> list[str]:
    """zipfile.extractall strips absolute paths and '..' components itself."""
    with zipfile.ZipFile(upload) as zf:
        zf.extractall(themes_dir)
        return zf.namelist()
