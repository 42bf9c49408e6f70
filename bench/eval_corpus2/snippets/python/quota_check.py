import logging

log = logging.getLogger(__name__)


def remaining_quota(client, account_id):
    try:
        usage = client.fetch_usage(account_id)
        return usage.limit - usage.used
    except Exception:
        pass
