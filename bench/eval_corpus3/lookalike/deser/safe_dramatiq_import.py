import dramatiq
import requests
import yaml


@dramatiq.actor
def import_manifest(url: str) -> int:
    """Worker: fetch a partner-hosted manifest and load it."""
    text = requests.get(url, timeout=10).text
    manifest = yaml.safe_load(text)
    return len(manifest["packages"])
