import logging

logger = logging.getLogger("auth")


def authenticate(store, username: str, password: str) -> bool:
    logger.info("login attempt user=%s password=%s", username, password)
    user = store.get(username)
    return user is not None and user.check_password(password)
