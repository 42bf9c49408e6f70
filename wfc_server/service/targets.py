"""Webhook targets: refuse loopback, link-local, private and other non-public addresses.

The hostname is resolved and every address checked (one bad address refuses the target), at
creation and again before every attempt; the HTTP client's resolver applies the same rule, so
a name that changes its answer between the check and the connection (DNS rebinding) is refused
too. IP literals never reach a resolver, so they are checked directly.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver
from aiohttp.resolver import ThreadedResolver

MAX_URL_LENGTH = 2048


class TargetRefused(ValueError):
    """The URL is malformed or points somewhere webhooks may not go."""


def non_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def parse_target(url: str) -> tuple[str, int]:
    """Host and port of an acceptable webhook URL (http or https, no credentials in it)."""
    if len(url) > MAX_URL_LENGTH:
        raise TargetRefused(f"url is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"url is not valid ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("url must be an absolute http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("url must not contain credentials")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


async def check_target(url: str, allow_private: bool, timeout: float = 5.0) -> None:
    """Raise TargetRefused unless every address the URL's host resolves to may be called."""
    host, port = parse_target(url)
    if allow_private:
        return
    try:
        addresses = [host] if _is_ip(host) else await _resolve(host, port, timeout)
    except (OSError, TimeoutError) as exc:
        raise TargetRefused(f"cannot resolve {host}: {exc}") from None
    refused = sorted({a for a in addresses if non_public(a)})
    if refused:
        raise TargetRefused(
            f"{host} resolves to a loopback, link-local or private address ({', '.join(refused)}); "
            "set webhooks.allow_private_targets to allow it"
        )


class GuardedResolver(AbstractResolver):
    """The client's resolver: answers only with public addresses (unless private ones are allowed)."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = ThreadedResolver()
        self._allow_private = allow_private

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        hosts = await self._inner.resolve(host, port, family)
        if not self._allow_private and any(non_public(h["host"]) for h in hosts):
            raise OSError(f"{host} resolves to a non-public address")
        return hosts

    async def close(self) -> None:
        await self._inner.close()


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


async def _resolve(host: str, port: int, timeout: float) -> list[str]:
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(timeout):
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]
