"""Standard Webhooks signatures: ``v1,`` + base64(HMAC-SHA256(secret, "id.timestamp.body")).

The secret is ``whsec_`` + base64 of random bytes; the HMAC key is those bytes. While a rotated
secret is in its grace period both sign, space-separated, so receivers can switch at leisure.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    content = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode("ascii")


def signature_header(secrets_in_use: list[str], message_id: str, timestamp: int, body: bytes) -> str:
    return " ".join(signature(s, message_id, timestamp, body) for s in secrets_in_use)
