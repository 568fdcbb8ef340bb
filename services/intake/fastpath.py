"""POST /v1/calls without FastAPI's per-request machinery, for the everyday request.

FastAPI spends about a millisecond of CPU on each POST solving the route's dependency
tree (bearer, role, rate limit, settings, service, header, body) and wrapping the call in
its exit stacks and telemetry hooks: as much as recording and publishing the call itself.
At hundreds of calls a second that is what saturates intake.

:class:`FastCallPost` answers a POST /v1/calls itself only when nothing about it is
unusual: one JSON body that ``CallCreate`` accepts, one bearer token of a ``cad`` or
``admin`` key, a well-formed ``Idempotency-Key`` if any, and a token left in the key's
rate bucket. It checks all of that before doing anything that has an effect, and hands
any other request, unchanged and with its body replayed, to the FastAPI route, which
answers it exactly as before (401, 403, 413, 422, 429, ...). The accepted request then
runs the route's own code (:func:`services.intake.api.accept_call`), its errors go to the
app's own exception handlers, and the answer is the bytes the route would send, with
``scope["route"]`` set to the route so metrics label it the same.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from services.intake.api import accept_call, answer, post_call, router
from services.intake.deps import CALL_KEEPERS
from services.intake.limits import RateLimiter
from services.intake.models import CallCreate
from services.intake.service import IntakeService
from services.intake.settings import IntakeSettings
from shared.auth import KeyStore, Principal, bearer_token
from shared.idempotency import valid_idempotency_key
from shared.limits import BufferedRequest

PATH = "/v1/calls"
_WANTED = (b"authorization", b"content-type", b"idempotency-key")


def _route() -> APIRoute:
    return next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is post_call)


class FastCallPost:
    """ASGI middleware (inside the body size limit): see the module docstring."""

    def __init__(self, app: ASGIApp, intake: FastAPI) -> None:
        self.app = app
        self.intake = intake
        self.route = _route()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST"
                or scope.get("root_path")):
            await self.app(scope, receive, send)
            return
        request = await BufferedRequest.read(receive)
        if request.complete:
            accepted = self._accept(scope, request.body)
            if accepted is not None:
                await self._post(scope, receive, send, *accepted)
                return
        await self.app(scope, request.replay, send)

    def _accept(self, scope: Scope, body: bytes
                ) -> tuple[CallCreate, Principal, str | None] | None:
        """The call, the caller and the Idempotency-Key, or None when FastAPI should answer.

        Nothing here has an effect until the last step, which takes the rate token.
        """
        found: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in _WANTED:
                if name in found:
                    return None  # a repeated header: let the route decide which counts
                found[name] = value
        if found.get(b"content-type", b"").lower() != b"application/json" or not body:
            return None
        key = found.get(b"idempotency-key")
        idempotency_key = None
        if key is not None:
            idempotency_key = key.decode("latin-1")
            if not valid_idempotency_key(idempotency_key):
                return None
        try:
            call = CallCreate.model_validate(json.loads(body))
        except (ValueError, ValidationError):  # JSONDecodeError and UnicodeDecodeError too
            return None
        token = bearer_token(found.get(b"authorization", b"").decode("latin-1"))
        if token is None:
            return None
        state = self.intake.state
        key_store: KeyStore = state.key_store
        principal = key_store.authenticate(token)
        if principal is None or not CALL_KEEPERS.permits(principal):
            return None
        limiter: RateLimiter = state.rate_limiter
        if limiter.take(principal.key_id) > 0:
            return None  # the route takes again and answers 429 with Retry-After
        return call, principal, idempotency_key

    async def _post(self, scope: Scope, receive: Receive, send: Send, call: CallCreate,
                    principal: Principal, idempotency_key: str | None) -> None:
        scope["route"] = self.route
        scope.setdefault("state", {})["principal"] = principal  # as shared.auth records it
        state = self.intake.state
        settings: IntakeSettings = state.settings
        service: IntakeService = state.service
        response: Any
        try:
            result = await accept_call(call, principal, settings, service, idempotency_key)
        except Exception as exc:
            handler = self._handler(exc)
            if handler is None:
                raise  # to ServerErrorMiddleware, as from the route
            response = handler(Request(scope, receive, send), exc)
            if inspect.isawaitable(response):
                response = await response
        else:
            status, accepted = answer(result)
            response = Response(accepted.model_dump_json().encode(), status_code=status,
                                media_type="application/json")
        await response(scope, receive, send)

    def _handler(self, exc: Exception) -> Any:
        """The app's handler for ``exc``, as Starlette's ExceptionMiddleware picks it."""
        handlers = self.intake.exception_handlers
        if isinstance(exc, HTTPException) and exc.status_code in handlers:
            return handlers[exc.status_code]
        for cls in type(exc).__mro__:
            if cls is Exception:
                return None  # ServerErrorMiddleware's, after the middleware stack
            if cls in handlers:
                return handlers[cls]
        return None
