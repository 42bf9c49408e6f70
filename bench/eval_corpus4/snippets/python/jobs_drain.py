import logging
import queue

log = logging.getLogger(__name__)


def drain(jobs: "queue.Queue[dict]", handler) -> int:
    done = 0
    while not jobs.empty():
        job = jobs.get()
        try:
            handler(job)
            done += 1
        except Exception:
            pass
    return done
