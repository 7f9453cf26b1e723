"""The HTTP/1.1 protocol the service runs on: uvicorn's httptools protocol (a C parser), with an
offered upgrade that is not a WebSocket ignored, as HTTP allows (RFC 9110 §7.8).

Java's `HttpClient` offers `Upgrade: h2c` on every plain-HTTP request. httptools stops at such
a request's head and hands back what follows as the new protocol's bytes, so uvicorn would
give the application an empty body. Here those bytes are read as the body they are: the
parser (ready for a next message once it has reported the upgrade) is fed a head that frames
the body exactly as the client framed it (its Content-Length, or chunked), with the callbacks
of that head not passed on, then the bytes. The request keeps its own scope; the next request
on the connection is parsed as usual.

Where httptools is not installed, the service runs on h11 (pure Python, slower), which reads
such a request's body anyway.
"""
from __future__ import annotations

try:
    import httptools
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # the service then runs on h11
    httptools = None
    HttpToolsProtocol = object


def protocol_class():
    """uvicorn's `http` option: the protocol below, or "h11" where httptools is not installed."""
    return "h11" if httptools is None else IgnoringUpgradeProtocol


def body_framing(headers: list[tuple[bytes, bytes]]) -> bytes | None:
    """The header that frames a request's body (Transfer-Encoding wins, as in RFC 9112 §6.3),
    or None when the request has no body."""
    length = None
    for name, value in headers:
        if name == b"transfer-encoding" and b"chunked" in value.lower():
            return b"transfer-encoding: chunked"
        if name == b"content-length":
            length = value.strip()
    if length and length != b"0":
        return b"content-length: " + length
    return None


class IgnoringUpgradeProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that answers a request offering h2c (or any upgrade but WebSocket)
    as the plain HTTP/1.1 request it also is."""

    _body_only = False  # the parser is reading the body of a head already handled

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
        except httptools.HttpParserUpgrade as exc:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._read_body_after_ignored_upgrade(data[exc.args[0]:])

    def _read_body_after_ignored_upgrade(self, rest: bytes) -> None:
        framing = body_framing(self.headers)
        if framing is not None and self.cycle is not None and not self.cycle.response_complete:
            # uvicorn took the request as complete with no body: it has more to come
            self.cycle.more_body = True
            self.cycle.message_event.clear()
            self._body_only = True
            rest = b"POST / HTTP/1.1\r\n" + framing + b"\r\n\r\n" + rest
        if rest:
            self.data_received(rest)

    # The callbacks of a head, silent for the framing head of a body-only read.
    def on_message_begin(self) -> None:
        if not self._body_only:
            super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        if not self._body_only:
            super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self._body_only:
            super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if not self._body_only:
            super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._body_only = False
        super().on_message_complete()
