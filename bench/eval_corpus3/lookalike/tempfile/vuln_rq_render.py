import os
import subprocess
import tempfile


def render_chart(spec_json: str) -> bytes:
    path = tempfile.mktemp(suffix=".json")
    with open(path, "w") as fh:
        fh.write(spec_json)
    try:
        return subprocess.run(["vega-cli", path], capture_output=True, check=True).stdout
    finally:
        os.unlink(path)
