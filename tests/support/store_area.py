"""A fetched page for store tests that need a row to hang data on, not its bytes."""

from __future__ import annotations

from broadsheet.models import Page


def page(url: str, fetched_at: str = "2026-01-01T00:00:00+00:00") -> Page:
    """A plain 200 response for ``url``, fetched at ``fetched_at``."""
    return Page(
        url=url,
        final_url=url,
        status=200,
        headers={},
        body=b"<html><p>raw</p></html>",
        fetched_at=fetched_at,
        content_type="text/html",
    )
