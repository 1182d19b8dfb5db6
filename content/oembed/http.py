"""Outgoing requests for oEmbed, with wp_safe_remote_get()'s rules: only http(s), no
credentials in the URL, no addresses on the local network or loopback, only the usual ports
(80, 443, 8080) — except the site's own host (and port). Redirects are checked the same way.
A provider the site lists in WP_OEMBED_PROVIDERS is trusted: its endpoint is fetched as given.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT = 5
LIMIT = 150 * 1024  # bytes read of a page or an answer
USER_AGENT = "WordPress/6.1; wpapi"


@dataclass
class Answer:
    status: int
    body: bytes


def _port(parts: object) -> int:
    port = parts.port  # type: ignore[attr-defined]
    if port:
        return port
    return 443 if parts.scheme == "https" else 80  # type: ignore[attr-defined]


def is_safe_url(url: str, site: str) -> bool:
    """wp_http_validate_url(): may the site fetch `url` on behalf of content?"""
    try:
        parts = urlsplit(url)
        port = _port(parts)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.username or parts.password:
        return False
    home = urlsplit(site) if site else None
    same_host = bool(home and home.hostname and home.hostname.lower() == parts.hostname.lower())
    if not same_host:
        try:
            address = ipaddress.ip_address(socket.gethostbyname(parts.hostname))
        except (OSError, ValueError):
            return False
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            return False
    if port in (80, 443, 8080):
        return True
    return bool(same_host and home is not None and _port(home) == port)


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, site: str | None) -> None:
        self.site = site

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if self.site is not None and not is_safe_url(newurl, self.site):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, site: str | None) -> Answer | None:
    """GET `url`: None when it may not be fetched or cannot be reached. `site` None means
    a trusted URL (a listed provider's endpoint): no address checks."""
    if site is not None and not is_safe_url(url, site):
        return None
    opener = urllib.request.build_opener(_SafeRedirects(site))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return Answer(response.status, response.read(LIMIT))
    except urllib.error.HTTPError as error:
        return Answer(error.code, b"")
    except (urllib.error.URLError, OSError, ValueError):
        return None
