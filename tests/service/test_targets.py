"""Webhook targets: every non-public address is refused unless private targets are allowed."""

from __future__ import annotations

import pytest

from wfc_server.service.targets import TargetRefused, check_target, non_public, parse_target


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.8", "172.16.3.4", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
                                     "224.0.0.1"])
def test_non_public_addresses(address: str) -> None:
    assert non_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert not non_public(address)


async def test_a_name_resolving_to_loopback_is_refused_and_allowed_when_configured() -> None:
    with pytest.raises(TargetRefused, match="allow_private_targets"):
        await check_target("http://localhost:8080/hook", allow_private=False)
    await check_target("http://localhost:8080/hook", allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.com/", "http:///nohost", "http://u:p@example.com/", "example.com",
                                 "http://example.com:99999/", "https://" + "a" * 2100 + ".com/"])
def test_malformed_urls_are_refused(url: str) -> None:
    with pytest.raises(TargetRefused):
        parse_target(url)
