"""Standard Webhooks signatures: the spec's published example, and rotation's two signatures."""

from __future__ import annotations

import base64

from wfc_server.service.signing import SECRET_PREFIX, generate_secret, signature, signature_header


def test_matches_the_standard_webhooks_example() -> None:
    # The example from the Standard Webhooks specification and its reference libraries.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    message_id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    body = b'{"test": 2432232314}'
    assert signature(secret, message_id, 1614265330, body) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_generated_secrets_are_whsec_base64_of_24_random_bytes() -> None:
    first, second = generate_secret(), generate_secret()
    assert first.startswith(SECRET_PREFIX) and first != second
    assert len(base64.b64decode(first.removeprefix(SECRET_PREFIX))) == 24


def test_header_carries_one_signature_per_secret_in_order() -> None:
    old, new = generate_secret(), generate_secret()
    header = signature_header([new, old], "msg_1", 1700000000, b"{}")
    assert header.split(" ") == [signature(new, "msg_1", 1700000000, b"{}"), signature(old, "msg_1", 1700000000, b"{}")]
