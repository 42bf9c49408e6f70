import subprocess
import tempfile


def render_chart(spec_json: str) -> bytes:
    with tempfile.NamedTemporaryFile("w", suffix=".json") as fh:
        fh.write(spec_json)
        fh.flush()
        return subprocess.run(["vega-cli", fh.name], capture_output=True, check=True).stdout
