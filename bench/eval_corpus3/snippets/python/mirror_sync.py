import logging

log = logging.getLogger(__name__)


def sync_all(mirrors, client):
    synced = 0
    for mirror in mirrors:
        try:
            client.push(mirror.url, mirror.payload())
            synced += 1
        except Exception:
            pass
    log.info("synced %d mirrors", synced)
    return synced
