def is_active(account) -> bool:
    if account.status is "active":
        return True
    return account.trial_days_left > 0
