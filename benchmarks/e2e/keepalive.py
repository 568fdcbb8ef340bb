"""HTTP/1.1 for the bench's clients: keep-alive connections on plain asyncio streams, and
a pool of workers that each hold one (the load client and the crews build on it)."""

from __future__ import annotations

import asyncio
import time

import httpx

KEEP_ALIVE_REUSE_S = 4.0


class _HttpClient:
    """Workers that each hold one keep-alive connection (KeepAliveConnection) to a service
    and send it POSTs with a bearer token."""

    def __init__(self, url: str, token: str, connections: int) -> None:
        parsed = httpx.URL(url)
        self.host, self.port = parsed.host, parsed.port or 80
        self.token = token
        self.connections = connections
        self.workers: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.workers = [asyncio.create_task(self._worker()) for _ in range(self.connections)]

    async def stop(self) -> None:
        """Cancel the workers, bounded: in Python 3.11 asyncio.wait_for can swallow a
        cancel that lands just as its read completes, and the worker then waits on its
        queue for ever (an overloaded run hung here, its stack left running). Such a
        worker is cancelled again."""
        for _ in range(5):
            pending = [worker for worker in self.workers if not worker.done()]
            if not pending:
                break
            for worker in pending:
                worker.cancel()
            await asyncio.wait(pending, timeout=2)
        for worker in self.workers:
            if worker.done() and not worker.cancelled():
                worker.exception()  # retrieved: a worker's error is not the run's

    async def _worker(self) -> None:
        raise NotImplementedError

    def _post(self, path: str, payload: bytes) -> bytes:
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n")
        return head.encode() + payload


class KeepAliveConnection:
    """One HTTP/1.1 keep-alive connection, reopened when stale or closed."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def exchange(self, request: bytes, timeout_s: float = 10.0) -> tuple[int, bytes]:
        """Send one request and read its response; resent once when the server had
        closed the kept-alive connection as it was reused (so never read the request).
        Only for requests that are safe to repeat."""
        try:
            for attempt in (1, 2):
                # uvicorn closes a connection idle for 5 s; at low rates most of the
                # pool is older than that, so it is reopened before use.
                stale = (self.reader is None or self.reader.at_eof()
                         or time.monotonic() - self.last_used > KEEP_ALIVE_REUSE_S)
                if stale:
                    self.close()
                    self.reader, self.writer = await asyncio.open_connection(
                        self.host, self.port)
                assert self.reader is not None and self.writer is not None
                self.writer.write(request)
                try:
                    response = await asyncio.wait_for(read_response(self.reader), timeout_s)
                except (asyncio.IncompleteReadError, ConnectionResetError):
                    if stale or attempt == 2:
                        raise
                    self.close()
                    continue
                self.last_used = time.monotonic()
                return response
        except BaseException:
            self.close()
            raise
        raise AssertionError("unreachable")

async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body

