"""Fetching a URL a user gave us without letting them reach our private network.

Only http(s); the host is resolved once, every address it resolves to must be public, and the
connection goes to the address that was checked (so DNS cannot change its answer in between).
Redirects are followed by hand, at most five, each checked the same way. Loopback, private,
link-local, CGNAT, multicast, reserved and unspecified addresses are refused, including IPv4
addresses hidden in IPv6 (mapped, 6to4, NAT64, Teredo) and odd spellings (2130706433, 0x7f.1),
which the resolver turns into ordinary addresses before we check them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import urlsplit

import httpx

from briefing_bot.errors import BriefingError
from briefing_bot.sources import BodyTooLarge, read_body

MAX_REDIRECTS = 5
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


class UnsafeURL(BriefingError):
    """A URL we will not fetch for a user; the message says why, in words a user follows."""

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)


class FetchFailed(BriefingError):
    """A public URL could not be fetched (HTTP error, timeout, too large, not text)."""

    @property
    def user_message(self) -> str:  # type: ignore[override]
        return str(self)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress) -> str | None:
    """Why an address is not public, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return refusal(inner)
    checks = (
        (ip.is_unspecified, "an unspecified address"), (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"), (ip.is_multicast, "a multicast address"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT, "a carrier-grade NAT address"),
        (ip.is_reserved, "a reserved address"), (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


@dataclasses.dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # where the content finally came from
    body: bytes
    content_type: str


class Guard:
    """Checks and fetches user-supplied URLs."""

    def __init__(self, *, resolver: Resolver = system_resolver,
                 allowed_networks: Sequence[str] = ()) -> None:
        self._resolve = resolver
        # Operators (and tests) may allow named networks, e.g. an intranet; nothing by default.
        self._allowed = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)

    async def public_address(self, url: str) -> tuple[httpx.URL, str]:
        """The URL and the checked address to connect to; UnsafeURL when it is not allowed."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError as exc:
            raise UnsafeURL("that is not a valid web address") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeURL("only http:// and https:// links can be fetched")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise UnsafeURL("that link has no host name")
        if parts.username or parts.password:
            raise UnsafeURL("links with a user name or password are not fetched")
        port = port or (443 if scheme == "https" else 80)
        try:
            addresses = await self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise UnsafeURL(f"the host {host} could not be found") from exc
        if not addresses:
            raise UnsafeURL(f"the host {host} could not be found")
        for text in addresses:
            ip = ipaddress.ip_address(text.split("%", 1)[0])
            reason = refusal(ip)
            if reason and not any(ip in network for network in self._allowed):
                raise UnsafeURL(f"{host} points to {reason}; only public web pages are fetched")
        return httpx.URL(url.strip()), addresses[0].split("%", 1)[0]

    async def fetch(self, http: httpx.AsyncClient, url: str, *, max_bytes: int,
                    seconds: float, types: Sequence[str] = TEXT_TYPES) -> Fetched:
        """GET a public URL: checked, redirects by hand, size and time capped, text only."""
        try:
            async with asyncio.timeout(seconds):
                return await self._fetch(http, url, max_bytes=max_bytes, types=types)
        except TimeoutError as exc:
            raise FetchFailed(f"the page did not answer within {seconds:g} s") from exc

    async def _fetch(self, http: httpx.AsyncClient, url: str, *, max_bytes: int,
                     types: Sequence[str]) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            target, address = await self.public_address(current)
            direct = target.copy_with(host=address)
            headers = {"Host": target.netloc.decode("ascii")}
            extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
            try:
                request = http.build_request("GET", direct, headers=headers,
                                             extensions=extensions)
                response = await http.send(request, stream=True, follow_redirects=False)
            except httpx.HTTPError as exc:
                raise FetchFailed(f"the page could not be reached ({type(exc).__name__})") \
                    from exc
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = str(target.join(location))
                    continue
                if response.status_code >= 400:
                    raise FetchFailed(f"the page answered HTTP {response.status_code}")
                content_type = response.headers.get("content-type", "").split(";")[0].strip()
                if content_type and content_type.lower() not in types:
                    raise FetchFailed(f"that link is not a web page ({content_type})")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchFailed("the page is too large to read")
                try:
                    body = await read_body(response, max_bytes)
                except BodyTooLarge:
                    raise FetchFailed("the page is too large to read") from None
                return Fetched(url=str(target), body=body, content_type=content_type)
            except httpx.HTTPError as exc:
                raise FetchFailed(f"the page could not be read ({type(exc).__name__})") from exc
            finally:
                await response.aclose()
        raise FetchFailed(f"the link redirects more than {MAX_REDIRECTS} times")
