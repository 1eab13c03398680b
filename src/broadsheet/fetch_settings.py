"""The proxy and the per-site request rules of ``FetchOptions``: what is allowed, and how a
rule is applied to one request.

A site rule (``[network.sites."example.org"]`` in the config file) adds headers, cookies and
a User-Agent to the requests for one site. Its key is a host name and covers the subdomains
too (``example.org`` covers ``www.example.org``, never ``badexample.org``); an IP address
covers only itself. When several keys cover a host, the longest one wins, alone: rules are
not merged, so what a request gets can be read off one table.

Rules are applied by ``apply_site_rule`` to each request as it leaves, redirect hops and image
loads included, so every hop is judged by its own host: a cookie meant for one site is never
sent to another site a redirect leads to.

The validators return a sentence (or None) rather than raising, so the config file can
report every bad value and keep the good ones; the dataclasses raise ``ValueError`` with the
same sentence when code builds them wrongly.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import httpx

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")

# A header field name (RFC 9110 "token").
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
# A cookie value: printable ASCII without the separators of a Cookie header.
_COOKIE_VALUE = re.compile(r"^[!#-+\--:<-\[\]-~]*$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

# Headers a site rule may not set, and why. The fetch layer or httpx own them: changing one
# would break framing, decompression, conditional GET or the type checks, or send a secret
# somewhere it does not belong.
FORBIDDEN_HEADERS: dict[str, str] = {
    "host": "httpx sets it from the address being fetched",
    "content-length": "httpx frames the request itself",
    "transfer-encoding": "httpx frames the request itself",
    "connection": "httpx manages the connection",
    "keep-alive": "httpx manages the connection",
    "proxy-connection": "httpx manages the connection",
    "upgrade": "httpx manages the connection",
    "te": "httpx manages the connection",
    "trailer": "httpx frames the request itself",
    "expect": "httpx frames the request itself",
    "accept-encoding": "Broadsheet decompresses gzip and deflate itself, with a size cap",
    "accept": "Broadsheet sets it for each kind of request (page, feed, image) and checks "
    "the answer's type against it",
    "range": "Broadsheet needs whole pages",
    "if-none-match": "the cache sends it for conditional requests",
    "if-modified-since": "the cache sends it for conditional requests",
    "if-match": "the cache sends conditional requests itself",
    "if-unmodified-since": "the cache sends conditional requests itself",
    "if-range": "Broadsheet needs whole pages",
    "cookie": "put cookies in the site's cookies table instead",
    "user-agent": "use the site's user_agent key instead",
    "proxy-authorization": "it would go to the site; put the proxy's user and password in "
    "network.proxy (http://user:password@host:port)",
}


def _printable_ascii(value: str) -> bool:
    return all(" " <= ch <= "~" for ch in value)


def header_problem(name: str, value: object) -> str | None:
    """Why ``name: value`` cannot be a site header, or None when it can."""
    if not name or not _TOKEN.match(name):
        return "is not a valid header name (letters, digits and - are usual)"
    reason = FORBIDDEN_HEADERS.get(name.lower())
    if reason is not None:
        return f"cannot be set: {reason}"
    if not isinstance(value, str):
        return "must be a string"
    if not _printable_ascii(value):
        return (
            "must be one line of printable ASCII text (percent-encode other characters); "
            "its value is not shown"
        )
    return None


def cookie_problem(name: str, value: object) -> str | None:
    """Why ``name=value`` cannot be a site cookie, or None when it can."""
    if not name or not _TOKEN.match(name):
        return "is not a valid cookie name"
    if not isinstance(value, str):
        return "must be a string"
    if not _COOKIE_VALUE.match(value):
        return (
            "must be printable ASCII without spaces, quotes, commas, semicolons or "
            "backslashes (percent-encode them); its value is not shown"
        )
    return None


def user_agent_problem(value: object) -> str | None:
    """Why ``value`` cannot be a User-Agent, or None when it can."""
    if not isinstance(value, str) or not value.strip() or not _printable_ascii(value):
        return "must be one non-empty line of printable ASCII text"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def site_host(key: str) -> str | None:
    """The form a site key is matched in (lower-case ASCII, IDNA for other scripts, IPv6
    without brackets), or None when the key is not a plain host name or IP address."""
    host = key.strip().lower().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if _is_ip(host):
        return str(ipaddress.ip_address(host))
    if not host.isascii():
        import idna

        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError):
            return None
    labels = host.split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        return None
    return host


def shown_proxy(url: str) -> str:
    """The proxy URL for messages: any password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[-1]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def proxy_problem(url: object) -> str | None:
    """Why ``url`` cannot be the proxy, or None when it can."""
    if not isinstance(url, str) or not url.strip() or not _printable_ascii(url):
        return "must be a URL string"
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in PROXY_SCHEMES:
        return f"must start with {', '.join(s + '://' for s in PROXY_SCHEMES)}"
    try:
        port = parts.port
    except ValueError:
        return "has a port that is not a number from 1 to 65535"
    if not parts.hostname:
        return "has no host name"
    if port is not None and not 0 < port < 65536:
        return "has a port that is not a number from 1 to 65535"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return "must be only scheme://host:port (no path, query or fragment)"
    return None


@dataclass(frozen=True)
class SiteRule:
    """What to add to the requests for ``host`` and its subdomains (see the module docstring).

    ``host`` is in the form ``site_host`` gives; headers and cookies are (name, value) pairs,
    in the order they are sent.
    """

    host: str
    headers: tuple[tuple[str, str], ...] = ()
    cookies: tuple[tuple[str, str], ...] = ()
    user_agent: str | None = None

    def __post_init__(self) -> None:
        if site_host(self.host) != self.host:
            raise ValueError(f"SiteRule.host {self.host!r} is not a normalised host name")
        for name, value in self.headers:
            if problem := header_problem(name, value):
                raise ValueError(f"SiteRule header {name!r} {problem}")
        for name, value in self.cookies:
            if problem := cookie_problem(name, value):
                raise ValueError(f"SiteRule cookie {name!r} {problem}")
        if self.user_agent is not None and (problem := user_agent_problem(self.user_agent)):
            raise ValueError(f"SiteRule.user_agent {problem}")

    def covers(self, host: str) -> bool:
        """True for the host itself and its subdomains; an IP address (as the rule or as
        the host) matches only itself, so the rule ``0.0.1`` never covers ``127.0.0.1``."""
        if host == self.host:
            return True
        return not _is_ip(self.host) and not _is_ip(host) and host.endswith("." + self.host)


def rule_for(rules: Iterable[SiteRule], host: str) -> SiteRule | None:
    """The rule of the longest key covering ``host`` (already in ``site_host`` form)."""
    best: SiteRule | None = None
    for rule in rules:
        if rule.covers(host) and (best is None or len(rule.host) > len(best.host)):
            best = rule
    return best


def merge_cookies(existing: str | None, cookies: Iterable[tuple[str, str]]) -> str:
    """A Cookie header: the cookies already there (the site set them) with the configured
    ones added, a configured cookie replacing a set one of the same name."""
    ours = list(cookies)
    names = {name for name, _ in ours}
    kept = [
        part.strip()
        for part in (existing or "").split(";")
        if part.strip() and part.split("=", 1)[0].strip() not in names
    ]
    return "; ".join([*kept, *(f"{name}={value}" for name, value in ours)])


def apply_site_rule(request: httpx.Request, rules: Iterable[SiteRule]) -> None:
    """Add the headers, cookies and User-Agent of the rule covering the request's host."""
    rule = rule_for(rules, request.url.raw_host.decode("ascii").lower().rstrip("."))
    if rule is None:
        return
    for name, value in rule.headers:
        request.headers[name] = value
    if rule.user_agent:
        request.headers["User-Agent"] = rule.user_agent
    if rule.cookies:
        request.headers["Cookie"] = merge_cookies(request.headers.get("cookie"), rule.cookies)
