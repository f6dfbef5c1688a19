"""What the preview answers before MkDocs' development server sees a request.

`briefing serve` (server.py) serves with MkDocs' own `LiveReloadServer`; `install` puts a small
WSGI guard in front of its app (`server.set_app`), so MkDocs' serving, live reload and error pages stay
as they are and only two kinds of request are answered here:

- **A Host header that does not name the served address: 403, plain text.** A page on another site
  can make the browser send requests to a preview on 127.0.0.1 under its own name (DNS rebinding:
  `evil.example` first resolves to the attacker, then to 127.0.0.1), and then read the answers as
  its own: every page of a briefing that may not be published yet. Such a request says
  `Host: evil.example:8000`. Allowed: the served host and port as given to `-a` (`dev_addr`); when
  that is a loopback address or `localhost`, also `localhost`, `127.0.0.1` (any 127.x address) and
  `[::1]`; when it is every interface (`0.0.0.0`, `::`), any IP address and `localhost`, as an IP
  address cannot be rebound (another machine reaches the preview by the address, not by a name).
  The port must be the served one. A missing Host header is refused too (every browser sends one).
- **A path with a NUL character (`/%00`): 404.** MkDocs passes the path to `open()`, which raises
  ValueError for it: a 500 answer and a traceback in the log. No file name holds a NUL, so the
  answer is MkDocs' own "not found" (the site's 404 page).

`install` is idempotent: the plugin's `on_serve` may call it on a server `briefing serve` has already
guarded.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import re
import socket
import sys
from collections.abc import Callable, Iterable
from typing import Any

from ..mkdocs import internals

log = logging.getLogger("mkdocs.plugins.briefing")

_MARK = "briefing_guard"
# host, or [IPv6], then an optional port; lowercased first (host names are not case-sensitive).
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::([0-9]{1,5}))?")
_LOOPBACK_NAMES = ("localhost",)
_MAX_LOGGED = 20  # distinct refused Host values logged, so a flood of requests cannot flood the log

App = Callable[[dict, Callable[..., Any]], Iterable[bytes]]


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def host_allowed(header: str | None, served_host: str, port: int) -> bool:
    """Whether a request's Host header names the preview served on `served_host` (as given to
    `-a`/dev_addr: an IP address or a name) and `port`."""
    if header is None:
        return False
    match = _HOST.fullmatch(header.lower())
    if match is None:
        return False
    name, port_text = match.group(1), match.group(2)
    if (int(port_text) if port_text else 80) != port:
        return False
    if name.startswith("["):
        name = name[1:-1]
    ip, served = _ip(name), served_host.lower().strip("[]")
    served_ip = _ip(served)
    if name == served or (ip is not None and ip == served_ip):
        return True
    if served_ip is not None and served_ip.is_unspecified:  # every interface: reached by an address
        return ip is not None or name in _LOOPBACK_NAMES
    loopback = served in _LOOPBACK_NAMES or (served_ip is not None and served_ip.is_loopback)
    return loopback and (name in _LOOPBACK_NAMES or (ip is not None and ip.is_loopback))


def install(server: Any) -> None:
    """Guard `server` (MkDocs' LiveReloadServer, before it binds: its `server_address` is still the
    host as given) as the module says."""
    app: App = server.get_app()
    if getattr(app, _MARK, False):
        return
    served_host = str(server.server_address[0])
    logged: set[str] = set()

    def guarded(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        port = int(server.server_address[1])  # after binding: the port really served (`-a …:0`)
        header = environ.get("HTTP_HOST")
        if not host_allowed(header, served_host, port):
            served = f"http://{url_host(served_host)}:{port}/"
            # repr(): the header is the requester's text, shown with control characters escaped.
            shown = "without a Host header" if header is None else f"for Host {header[:100]!r}"
            if len(logged) < _MAX_LOGGED and shown not in logged:
                logged.add(shown)
                log.warning(f"briefing: refused a request {shown}: this preview answers {served} "
                            "(a page of another site may be reaching it by DNS rebinding); to use another name, serve on it with -a")
            body = (f"403 Forbidden: this preview answers requests for {served} only; "
                    "the request's Host header names another host.\n").encode()
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                             ("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff")])
            return [body]
        if "\x00" in environ.get("PATH_INFO", ""):
            return _not_found(server, start_response)
        return app(environ, start_response)

    setattr(guarded, _MARK, True)
    server.set_app(guarded)


def _not_found(server: Any, start_response: Callable[..., Any]) -> Iterable[bytes]:
    """MkDocs' own not-found answer (LiveReloadServer.serve_request): the site's 404 page if there is one."""
    try:
        content = internals.error_page(server, 404)
    except Exception:  # noqa: BLE001 - as MkDocs: a broken error page still answers 404
        content = None
    start_response("404 Not Found", [("Content-Type", "text/html")])
    return [content if content is not None else b"404 Not Found"]


def cannot_serve(host: str, port: int, error: OSError) -> str:
    """Why the preview cannot listen on `host:port` (a busy port, an address this machine lacks), in
    one line naming the option that chooses another: `briefing serve` and `mkdocs serve` say the same."""
    address = f"{url_host(host)}:{port}"
    why = f"{address} is already in use" if error.errno == errno.EADDRINUSE else f"cannot serve on {address}: {error.strerror or error}"
    return f"{why}; serve on another address with -a/--dev-addr IP:PORT"


def refuse_busy_address(server: Any) -> None:
    """`mkdocs serve`: when the address is taken (another preview), say so in one line naming `-a`
    and exit 2, as `briefing serve` does, rather than MkDocs' traceback when it binds after this.
    A probe socket, closed at once, with the option MkDocs' server binds with (SO_REUSEADDR)."""
    host, port = str(server.server_address[0]), int(server.server_address[1])
    probe = socket.socket(server.address_family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as error:
        print(f"briefing: {cannot_serve(host, port, error)}", file=sys.stderr)
        raise SystemExit(2) from None
    finally:
        probe.close()
