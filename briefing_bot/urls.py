"""Canonical URLs: one spelling per article, so the same item from two feeds is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only tell the publisher where a click came from. Only names that are
# tracking everywhere: a generic name (id, cid, src, ref, feed) may identify the article itself.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs", "oly_", "guce_")
_TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "ttclid", "li_fat_id", "ref_src", "ref_url", "cmpid", "ocid", "ncid", "sr_share", "smid",
    "smtyp", "_ga", "_gl", "mkt_tok", "guccounter", "at_medium", "at_campaign", "at_custom1",
    "at_custom2", "at_custom3", "at_custom4", "wt.mc_id", "s_kwcid", "ito", "xtor",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str | None:
    """The canonical form of an http(s) URL, or None if it is not one.

    Lower-cases scheme and host, drops default ports, the fragment, tracking parameters
    and an empty query, and sorts the remaining parameters.
    """
    text = url.strip()
    if not is_web_url(text):
        return None
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host.lower()
    except UnicodeError:
        host = host.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    # Credentials (user:pass@) are dropped: they are never part of an article's identity.
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
               if not _is_tracking(k))
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def address_key(url: str) -> str | None:
    """What tells two spellings of one web address apart, for sources: the canonical URL
    ("https://Example.COM:443/feed.xml?utm_source=x#top" is "https://example.com/feed.xml"),
    or None for what is not a web URL. An address with credentials is compared as typed:
    two logins to one feed may be two feeds. A trailing slash or http against https stay
    different addresses (a server may serve them differently)."""
    canonical = canonical_url(url)
    if canonical is None:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.username or parts.password else canonical
