"""The base of the errors pure domain code raises.

Domain modules know nothing of HTTP: they raise a :class:`DomainError` subclass that says
what went wrong, and each service's edge maps the class to a status
(:func:`shared.http.install_domain_error_statuses`), answered as problem+json.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A domain rule refused the request.

    ``detail`` is for the client; ``field`` names the input at fault; ``extra`` holds
    further members of the problem body (such as the ``call_id`` a conflict is about).
    """

    def __init__(self, detail: str, *, field: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail, self.field, self.extra = detail, field, extra
