"""Which requests the responder page's cookie may authenticate a change for: the page's
own (by Sec-Fetch-Site when the browser sends it, else by Origin), and never another
site's; reads and clients that are not browsers are left alone."""

from __future__ import annotations

import pytest

from services.assignment.page_sessions import cross_site_reason

HERE = "https://assignment.example"


@pytest.mark.parametrize("headers", [
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site"},
    {"sec-fetch-site": "cross-site", "origin": HERE},
    {"origin": "https://evil.example"},
    {"origin": "null"},
    {"origin": "http://assignment.example"},  # the same host without TLS is another origin
])
@pytest.mark.parametrize("method", ["POST", "DELETE", "PATCH", "put"])
def test_a_change_from_another_site_is_refused(method: str, headers: dict[str, str]) -> None:
    assert cross_site_reason(method, headers, HERE) is not None


@pytest.mark.parametrize("headers", [
    {"sec-fetch-site": "same-origin", "origin": HERE},
    # The browser's word decides, whatever Host a proxy in front handed on.
    {"sec-fetch-site": "same-origin", "origin": "https://public-name.example"},
    {"sec-fetch-site": "none"},  # typed or bookmarked by the user
    {"origin": "HTTPS://Assignment.Example"},
    {},  # not a browser (a CAD, curl): no cookie from another site to misuse
])
def test_the_page_s_own_changes_pass(headers: dict[str, str]) -> None:
    assert cross_site_reason("POST", headers, HERE) is None


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_reads_are_not_checked(method: str) -> None:
    assert cross_site_reason(method, {"sec-fetch-site": "cross-site"}, HERE) is None
