"""A counting TCP proxy for PostgreSQL: how many round trips a piece of work waits for,
whatever the driver.

A round trip is a burst of bytes from the client answered by the server: counted when the
server's first bytes after something the client sent come back (the rest of that answer,
however many segments it takes, is the same round trip). Statements in one pipeline go
together and are answered together: one. The count is taken before the answer is passed
on, so once the client has its answer the counter includes it.

With ``trace``, the statements of each burst (the protocol's Query and Parse messages) are
kept, to see which of them cost a round trip of their own; that needs the connection in
the clear (``sslmode=disable``, which :meth:`CountingProxy.url` adds).
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import make_url

# Untyped messages a client may send before its startup message, by their code.
_SSL_REQUEST, _GSS_REQUEST = 80877103, 80877104


@dataclass
class _Link:
    client: socket.socket
    server: socket.socket
    sent: bool = False  # the client sent something the server has not answered yet
    started: bool = False  # past the startup message: every message has a type byte
    pending: bytearray = field(default_factory=bytearray)


class CountingProxy:
    """Listens on 127.0.0.1 (a free port) and passes every connection to ``upstream``
    (host, port), on a thread of its own, counting round trips (:attr:`round_trips`)."""

    def __init__(self, upstream: tuple[str, int], *, trace: bool = False) -> None:
        self.upstream = upstream
        self.trace = trace
        self.round_trips = 0
        self.bursts: list[list[str]] = []  # with trace: each round trip's statements
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="pg-proxy", daemon=True)

    def url(self, url: str) -> str:
        """``url`` pointed at the proxy (in the clear when tracing)."""
        parsed = make_url(url).set(host="127.0.0.1", port=self.port)
        if self.trace:
            parsed = parsed.update_query_dict({"sslmode": "disable"})
        return parsed.render_as_string(hide_password=False)

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping = True
        self._thread.join(timeout=5)
        for key in list(self._selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        self._selector.close()

    @contextmanager
    def counting(self) -> Iterator[list[int]]:
        """Yields a one-item list holding, after the block, the round trips it took."""
        before, first = self.round_trips, len(self.bursts)
        result = [0]
        yield result
        result[0] = self.round_trips - before
        del self.bursts[:first]

    def _run(self) -> None:
        while not self._stopping:
            for key, _ in self._selector.select(timeout=0.05):
                if key.fileobj is self._listener:
                    self._accept()
                else:
                    self._forward(key.fileobj, key.data)  # type: ignore[arg-type]

    def _accept(self) -> None:
        client, _ = self._listener.accept()
        server = socket.create_connection(self.upstream)
        for sock in (client, server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        link = _Link(client, server)
        self._selector.register(client, selectors.EVENT_READ, link)
        self._selector.register(server, selectors.EVENT_READ, link)

    def _forward(self, sock: socket.socket, link: _Link) -> None:
        try:
            data = sock.recv(1 << 16)
        except OSError:
            data = b""
        if not data:
            for end in (link.client, link.server):
                self._selector.unregister(end)
                end.close()
            return
        if sock is link.client:
            if not link.sent:
                link.sent = True
                if self.trace:
                    self.bursts.append([])
            if self.trace:
                self._note_statements(link, data)
            link.server.sendall(data)
        else:
            if link.sent:
                link.sent = False
                self.round_trips += 1
            link.client.sendall(data)

    def _note_statements(self, link: _Link, data: bytes) -> None:
        link.pending += data
        while True:
            if not link.started:
                if len(link.pending) < 8:
                    return
                length, code = struct.unpack("!II", link.pending[:8])
                if code not in (_SSL_REQUEST, _GSS_REQUEST):
                    link.started = True
                del link.pending[:length]
                continue
            if len(link.pending) < 5:
                return
            kind = link.pending[:1]
            length = struct.unpack("!I", link.pending[1:5])[0]
            if len(link.pending) < 1 + length:
                return
            body = bytes(link.pending[5:1 + length])
            del link.pending[:1 + length]
            if not self.bursts:  # cleared by the measuring thread mid-burst
                self.bursts.append([])
            if kind == b"Q":  # a batch of statements is one query, one a line
                self.bursts[-1].extend(
                    body.rstrip(b"\0").decode(errors="replace").split(";\n"))
            elif kind == b"P":  # statement name, then its text
                text = body.split(b"\0")[1]
                self.bursts[-1].append(text.decode(errors="replace"))
