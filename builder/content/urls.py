"""Is a glossary source a URL a reader can follow? One small check, for every place that takes one."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Characters that never stand unencoded in a URL (RFC 3986): spaces, quotes, angle brackets …
_UNSAFE = re.compile(r"[\s\"<>\\^`{|}\x00-\x1f\x7f]")
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$")


def url_problem(text: str) -> str | None:
    """Why ``text`` is not an absolute http(s) URL with a host name, or None when it is one.

    ``https://en.people.cn/n3/2021/0917/c90000-9897956.html`` → None; ``httpfoo`` →
    ``"'httpfoo' is not a URL: write it in full, starting with https:// or http://"``. Only http and
    https are accepted (a ``javascript:`` link would run when a reader clicks it).
    """
    if _UNSAFE.search(text):
        return f"{text!r} is not a URL: it has a space, quote, angle bracket or other character a URL cannot hold"
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError as exc:
        return f"{text!r} is not a URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{text!r} is not a URL: write it in full, starting with https:// or http://"
    if not parts.hostname or not _HOST.match(parts.hostname) or not port_ok:
        return f"{text!r} is not a URL: {parts.netloc!r} is not a host name"
    return None
