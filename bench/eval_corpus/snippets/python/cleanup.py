import shutil


def remove_workdir(path: str) -> bool:
    try:
        shutil.rmtree(path)
    finally:
        return True
