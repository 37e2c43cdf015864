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


# Words of a query parameter's name that say its value is a credential ("token", "api_key",
# "X-Auth-Key", "sig"): shown as *** wherever a source is named.
_SECRET_WORDS = frozenset({"token", "key", "apikey", "secret", "password", "passwd", "pwd",
                           "pass", "auth", "sig", "signature", "credential", "credentials"})


def shown_location(location: str) -> str:
    """A source's location fit for logs and chats: the password in it ("user:password@"; a
    user name alone may be a token too) and the values of query parameters named as
    credentials ("?token=", "&api_key=") are ***. Operator QA: a private feed's password was
    written to the journal when it failed. `sources list` and `export` keep it whole."""
    try:
        parts = urlsplit(location)
    except ValueError:
        return location
    if not parts.scheme or not parts.netloc:
        return location  # a file or folder
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, colon, _ = userinfo.partition(":")
        netloc = f"{user}:***@{host}" if colon else f"***@{host}"
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(_secret(name) for name, _ in pairs):
        query = "&".join(f"{name}=***" if _secret(name) else
                         urlencode([(name, value)]) for name, value in pairs)
    if netloc == parts.netloc and query == parts.query:
        return location
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _secret(name: str) -> bool:
    return any(word in _SECRET_WORDS
               for word in name.lower().replace("-", "_").replace(".", "_").split("_"))


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
