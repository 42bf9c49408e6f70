import logging

logger = logging.getLogger(__name__)


def run_job(job) -> None:
    try:
        job.execute()
    except Exception:
        logger.exception("job %s failed", job.id)
        raise
    finally:
        job.release_lock()
