"""Limits every service applies to a request before anything reads or authenticates it.

* :class:`ConcurrencyLimit`: requests in flight beyond a number get 503 with Retry-After,
  so a flood queues nowhere in the process.
* :class:`BodySizeLimit`: a body over a size gets 413 before it is read whole; a declared
  Content-Length over the cap is refused at once and a chunked body is cut off as soon as
  it passes the cap.
* :class:`ValidJsonText`: a JSON body whose strings are not valid Unicode (a lone
  surrogate such as ``"\\ud800"``, which ``json`` accepts but nothing can encode) gets
  422 before a route sees it.

Each answers with RFC 9457 problem+json. :func:`shared.service.build_service_app` puts
them outside every route, authentication included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROBLEM_JSON = "application/problem+json"  # as shared.http.PROBLEM_JSON (no import cycle)
PROBES = frozenset({"/healthz", "/readyz"})


async def send_problem(send: Send, status: int, title: str, detail: str, *,
                       headers: Iterable[tuple[bytes, bytes]] = (), close: bool = False,
                       **extra: Any) -> None:
    """Answer with problem+json straight from ASGI, below FastAPI."""
    body = json.dumps({"type": "about:blank", "title": title, "status": status,
                       "detail": detail, **extra}).encode()
    head = [(b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(body)).encode()), *headers]
    if close:
        head.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


class ConcurrencyLimit:
    """ASGI middleware: at most ``max_in_flight`` requests at once (0 or less: no limit).

    One more gets 503 with ``Retry-After`` and its body unread. A request holds its place
    until its answer starts, so a long-lived stream (the responder feed) holds none while it
    streams. The probes are never refused: an overloaded instance is alive.
    """

    def __init__(self, app: ASGIApp, max_in_flight: int,
                 exempt: Iterable[str] = PROBES) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.exempt = frozenset(exempt)
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or self.max_in_flight <= 0
                or scope["path"] in self.exempt):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            await send_problem(send, 503, "Service Unavailable",
                               "Too many requests in progress; retry after the delay.",
                               headers=[(b"retry-after", b"1")])
            return
        self.in_flight += 1
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                self.in_flight -= 1

        async def send_and_release(message: Message) -> None:
            if message["type"] == "http.response.start":
                release()
            await send(message)

        try:
            await self.app(scope, receive, send_and_release)
        finally:
            release()


class BodySizeLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413 before anything parses it.

    A Content-Length over the cap is refused at once; a chunked body (no Content-Length)
    is counted as it arrives and refused as soon as it passes the cap. A body within the
    cap is buffered and handed on unchanged.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await send_problem(send, 400, "Bad Request", "Content-Length is not a number.",
                                   field="header.Content-Length", close=True)
                return
            if declared > self.max_bytes:
                await self._too_large(send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send) -> None:
        await send_problem(send, 413, "Content Too Large",
                           f"The request body is over the limit of {self.max_bytes} bytes.",
                           field="body", close=True)


# Any \uD800-\uDFFF escape, paired or not: only then is the body parsed to look closer.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def invalid_text_at(value: Any, path: str = "body") -> str | None:
    """Where in parsed JSON a string (or key) is not valid Unicode, or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = invalid_text_at(item, f"{path}.{index}")
            if found is not None:
                return found
    elif isinstance(value, dict):
        for key, item in value.items():
            found = invalid_text_at(key, path) or invalid_text_at(item, f"{path}.{key}")
            if found is not None:
                return found
    return None


class ValidJsonText:
    """ASGI middleware (inside :class:`BodySizeLimit`, which has buffered the body): a JSON
    body holding a string that is not valid Unicode gets 422 naming the field.

    Only a body with a surrogate escape is parsed here; anything else, and any body that
    is not JSON at all, goes on to the route unchanged, which answers as before.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request = await BufferedRequest.read(receive)
        body = request.body
        if _SURROGATE_ESCAPE.search(body):
            try:
                field = invalid_text_at(json.loads(body))
            except ValueError:
                field = None  # not JSON: the route says so
            if field is not None:
                await send_problem(
                    send, 422, "Invalid request",
                    f"Invalid fields: {field}",
                    errors=[{"field": field, "message": "Text is not valid Unicode (an "
                             "unpaired surrogate)"}])
                return
        await self.app(scope, request.replay, send)


class BufferedRequest:
    """A request's body read whole by a middleware, and a ``receive`` that hands the app
    the same messages again, then whatever comes after them (a disconnect)."""

    def __init__(self, messages: list[Message], body: bytes, receive: Receive) -> None:
        self.messages, self.body, self._receive = messages, body, receive

    @classmethod
    async def read(cls, receive: Receive) -> BufferedRequest:
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        return cls(messages, body, receive)

    @property
    def complete(self) -> bool:
        """The whole body arrived (the client did not disconnect part way)."""
        return self.messages[-1]["type"] == "http.request"

    async def replay(self) -> Message:
        return self.messages.pop(0) if self.messages else await self._receive()
