"""Fetching a URL a user gave us without letting them reach our private network.

Only http(s); the host is resolved once, every address it resolves to must be public, and the
connection goes to the address that was checked (so DNS cannot change its answer in between).
Redirects are followed by hand, at most five, each checked the same way. Loopback, private,
link-local, CGNAT, multicast, reserved and unspecified addresses are refused, including IPv4
addresses hidden in IPv6 (mapped, 6to4, NAT64, Teredo) and odd spellings (2130706433, 0x7f.1),
which the resolver turns into ordinary addresses before we check them.

The same check guards the operator's own sources (feeds, and the article pages their items link
to) at the connection level: `Guard.transport()` is an httpx transport whose every connection,
redirects included, goes to an address that was resolved once and checked. A feed is written by
its publisher, so its links are no more trusted than a link a user sends.
"""

from __future__ import annotations

import asyncio
import dataclasses
import http
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from briefing_bot.config import Settings
from briefing_bot.errors import UserFacingError
from briefing_bot.sources import PAGE_TYPES, BodyTooLarge, make_http_client, read_body

MAX_REDIRECTS = 5
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]


class UnsafeURL(UserFacingError):
    """A URL we will not (or, for now, cannot) fetch; the message says why, in words a user
    follows. `lasting` is False for a failure that may clear: a name server that did not
    answer. `private` marks a refusal of a private address, which an operator may allow."""

    lasting = True
    private = False


class FetchFailed(UserFacingError):
    """A public URL could not be fetched (HTTP error, timeout, too large, not text)."""


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
    truncated: bool = False  # a web page over the cap: its first `max_bytes` only
    charset: str | None = None  # as the response's Content-Type names it


class Guard:
    """Checks addresses before connecting: fetches user-supplied URLs, and guards the
    operator's sources through `transport()`."""

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
            raise UnsafeURL("that is not a valid web address", key="err_bad_address") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeURL("only http:// and https:// links can be fetched", key="err_not_http")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise UnsafeURL("that link has no host name", key="err_no_host")
        if parts.username or parts.password:
            raise UnsafeURL("links with a user name or password are not fetched",
                            key="err_userinfo")
        port = port or (443 if scheme == "https" else 80)
        address = await self.address_for(host, port)
        return httpx.URL(url.strip()), address

    def literal_refusal(self, url: str) -> str | None:
        """Why a web address written with a private or loopback IP (or "localhost") will be
        refused, told without connecting; None when it names a host to look up at fetch
        time, or the network is allowed."""
        try:
            host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
        except ValueError:
            return None
        try:
            ip: IPAddress = ipaddress.ip_address(
                "127.0.0.1" if host == "localhost" else host.split("%", 1)[0])
        except ValueError:
            return None
        reason = refusal(ip)
        if reason is None or any(ip in network for network in self._allowed):
            return None
        return f"{host} is {reason}; only public web pages are fetched"

    async def address_for(self, host: str, port: int) -> str:
        """The address to connect to for `host`, once every address it resolves to is allowed."""
        try:
            addresses = await self._resolve(host, port)
        except socket.gaierror as exc:
            if exc.errno == socket.EAI_AGAIN:  # the name server did not answer: may clear
                raise UnsafeURL(f"the host {host} could not be looked up now (the name "
                                "server did not answer)", lasting=False, key="err_dns_timeout",
                                host=host) from exc
            raise UnsafeURL(f"the host {host} could not be found", key="err_no_such_host",
                            host=host) from exc
        except (OSError, UnicodeError) as exc:
            raise UnsafeURL(f"the host {host} could not be found", key="err_no_such_host",
                            host=host) from exc
        if not addresses:
            raise UnsafeURL(f"the host {host} could not be found", key="err_no_such_host",
                            host=host)
        for text in addresses:
            ip = ipaddress.ip_address(text.split("%", 1)[0])
            reason = refusal(ip)
            if reason and not any(ip in network for network in self._allowed):
                refused = UnsafeURL(f"{host} points to {reason}; only public web pages are "
                                    "fetched", key="err_private_host", host=host)
                refused.private = True
                raise refused
        return addresses[0].split("%", 1)[0]

    def transport(self) -> httpx.AsyncBaseTransport:
        """An httpx transport that connects only to addresses this guard allows."""
        return _GuardedTransport(self)

    async def fetch(self, http: httpx.AsyncClient, url: str, *, max_bytes: int,
                    seconds: float, types: Sequence[str] = TEXT_TYPES,
                    page_start: bool = False) -> Fetched:
        """GET a public URL: checked, redirects by hand, size and time capped, text only.
        `page_start`: a web page over `max_bytes` gives its first `max_bytes` (truncated)
        instead of an error."""
        try:
            async with asyncio.timeout(seconds):
                return await self._fetch(http, url, max_bytes=max_bytes, types=types,
                                         page_start=page_start)
        except TimeoutError as exc:
            raise FetchFailed(f"the page did not answer within {seconds:g} s",
                              key="err_page_timeout", seconds=seconds) from exc

    async def _fetch(self, http: httpx.AsyncClient, url: str, *, max_bytes: int,
                     types: Sequence[str], page_start: bool) -> Fetched:
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
                raise FetchFailed(f"the page could not be reached ({type(exc).__name__})",
                                  key="err_unreachable", kind=type(exc).__name__) from exc
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = str(target.join(location))
                    continue
                if response.status_code >= 400:
                    raise FetchFailed(f"the page answered HTTP {response.status_code}"
                                      f"{_phrase(response.status_code)}",
                                      key=_status_key(response.status_code),
                                      status=response.status_code)
                content_type = response.headers.get("content-type", "").split(";")[0].strip()
                if content_type and content_type.lower() not in types:
                    raise FetchFailed(f"that link is not a web page ({content_type})",
                                      key="err_not_a_page", type=content_type)
                page = page_start and content_type.lower() in PAGE_TYPES
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes and not page:
                    raise FetchFailed("the page is too large to read", key="err_page_too_large")
                try:
                    body = await read_body(response, max_bytes)
                except BodyTooLarge as exc:
                    if not page:
                        raise FetchFailed("the page is too large to read",
                                          key="err_page_too_large") from None
                    # Found by QA: a 7 MB page whose article sat in its first kilobytes.
                    return Fetched(url=str(target), body=exc.start, content_type=content_type,
                                   truncated=True, charset=response.charset_encoding)
                return Fetched(url=str(target), body=body, content_type=content_type,
                               charset=response.charset_encoding)
            except httpx.HTTPError as exc:
                raise FetchFailed(f"the page could not be read ({type(exc).__name__})",
                                  key="err_unreadable", kind=type(exc).__name__) from exc
            finally:
                await response.aclose()
        raise FetchFailed(f"the link redirects more than {MAX_REDIRECTS} times",
                          key="err_redirects", n=MAX_REDIRECTS)


def _phrase(status: int) -> str:
    """' (not found)' for 404: what the number means, for readers who do not know."""
    try:
        return f" ({http.HTTPStatus(status).phrase.lower()})"
    except ValueError:
        return ""


def _status_key(status: int) -> str:
    """The catalog's sentence for an HTTP error: what it means said in the reader's language
    for the usual ones (`_phrase` is English)."""
    if status in (404, 410):
        return "err_http_not_found"
    if status in (401, 402, 403, 451):
        return "err_http_refused"
    return "err_http_server" if status >= 500 else "err_http_status"


class RefusedAddress(httpcore.ConnectError):
    """A connection the guard refused; httpx reports it as a ConnectError with this message,
    and this as its cause. `lasting`, `private`: as UnsafeURL's (a DNS hiccup may clear; a
    private address was refused, nothing tried)."""

    def __init__(self, message: str, *, lasting: bool = True, private: bool = False) -> None:
        super().__init__(message)
        self.lasting = lasting
        self.private = private


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network layer, resolving each host itself and connecting to the checked
    address (TLS still verifies the host name: httpcore passes it as the server name)."""

    def __init__(self, guard: Guard) -> None:
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int,
                          timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
                          local_address: str | None = None,
                          socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):  # a slow resolver counts against the connect
                address = await self._guard.address_for(host, port)
        except UnsafeURL as exc:
            hint = " (BRIEFING_SOURCE_ALLOW_NETWORKS can allow a private network)" \
                if exc.private else ""
            # (a host not found is no refusal: "refused: the host … could not be found" read
            # as if the guard had turned it away, operator QA stop 59 T1)
            said = f"refused: {exc}{hint}" if exc.private else str(exc)
            raise RefusedAddress(said, lasting=exc.lasting, private=exc.private) from exc
        return await self._inner.connect_tcp(address, port, timeout=timeout,
                                             local_address=local_address,
                                             socket_options=socket_options)

    async def connect_unix_socket(self, path: str,
                                  timeout: float | None = None,  # noqa: ASYNC109 - as above
                                  socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        raise RefusedAddress("refused: Unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedTransport(httpx.AsyncHTTPTransport):
    def __init__(self, guard: Guard) -> None:
        super().__init__()
        # httpx has no public way to hand its connection pool a network backend; httpcore's
        # pool takes one publicly, so the pool is replaced with one using the checked backend.
        # tests/test_hostile_ssrf.py fails if an httpx release stops using `_pool`.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=100,
            max_keepalive_connections=20, keepalive_expiry=5.0,
            network_backend=_CheckedBackend(guard))


def source_client(settings: Settings) -> httpx.AsyncClient:
    """The client for the operator's sources: no private address unless the operator allows it."""
    guard = Guard(allowed_networks=settings.source_allow_networks)
    return make_http_client(user_agent=settings.user_agent, timeout=settings.fetch_timeout,
                            transport=guard.transport())


def user_client(settings: Settings) -> httpx.AsyncClient:
    """The client for users' links; only `Guard.fetch` may use it (it checks every URL)."""
    return make_http_client(user_agent=settings.user_agent, timeout=settings.fetch_timeout,
                            transport=None)
