"""A client's pooled connection outlives its own idle timeout on the server side.

CADs, responder apps and load balancers keep idle connections in a pool for a while
(httpx 5 s, .NET 60 s, an AWS load balancer 60 s). A server that closes an idle
connection first races the request a client sends on it at that moment: the request is
lost on the wire and the CAD sees no answer. So each service keeps an idle connection
open longer than those clients do, and the client is always the one that closes it.
"""

from __future__ import annotations

import asyncio

import pytest

from shared.stack import Stack

pytestmark = [pytest.mark.kafka, pytest.mark.e2e]

# Longer than uvicorn's own default keep-alive (5 s), which the services used to run with.
IDLE_S = 6.5


async def ask_health(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    await asyncio.wait_for(reader.readexactly(length), timeout=5)
    return head.split(b"\r\n", 1)[0]


async def idle_then_reuse(port: int) -> tuple[bytes, bool, bytes]:
    """First status line, whether the server closed the idle connection, second status."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        first = await ask_health(reader, writer)
        try:
            # The wait is the behaviour under test: the server must not close the
            # connection within this idle time (reading b"" would mean it did).
            closed = await asyncio.wait_for(reader.read(1), timeout=IDLE_S) == b""
        except TimeoutError:
            closed = False
        second = b"" if closed else await ask_health(reader, writer)
        return first, closed, second
    finally:
        writer.close()


async def test_an_idle_pooled_connection_is_still_answered_by_every_service(
    stack: Stack,
) -> None:
    names = list(stack.services)
    results = await asyncio.gather(*(idle_then_reuse(stack.services[n].port) for n in names))
    for name, (first, closed, second) in zip(names, results, strict=True):
        assert first == b"HTTP/1.1 200 OK", name
        assert not closed, f"{name} closed a connection idle for {IDLE_S} s"
        assert second == b"HTTP/1.1 200 OK", name
