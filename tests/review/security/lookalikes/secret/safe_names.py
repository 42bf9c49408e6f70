import os

PASSWORD_FIELD = "password"
TOKEN_HEADER = "X-Auth-Token"
API_KEY_ENV = "PAYMENTS_API_KEY"


def api_key() -> str:
    return os.environ[API_KEY_ENV]


def form_password(form: dict) -> str:
    return form.get(PASSWORD_FIELD, "")
