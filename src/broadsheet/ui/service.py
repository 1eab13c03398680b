"""The part of ``broadsheet.library.Library`` the app uses, as a Protocol.

The app depends on this shape rather than the concrete class so that screens can be tested
against an in-memory library, and so the UI states exactly which core calls it makes. The real
``Library`` satisfies it structurally.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from broadsheet.models import ArticleSummary, SearchHit, Source, StoredArticle
from broadsheet.sources import RefreshEvent, RefreshReport
from broadsheet.store import ReadingPosition


class LibraryService(Protocol):
    """Headless operations the app runs in workers (sync ones in threads, async on the loop)."""

    def list_articles(
        self,
        *,
        limit: int = 500,
        offset: int = 0,
        source_id: int | None = None,
        unread: bool = False,
        favourites: bool = False,
    ) -> list[ArticleSummary]: ...

    def sources(self) -> list[Source]: ...

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[SearchHit]: ...

    @property
    def offline(self) -> bool:
        """True while the network is unreachable and cached copies are shown."""
        ...

    def get(self, ref: int | str) -> StoredArticle: ...

    def find(self, url: str) -> StoredArticle | None: ...

    def set_read(self, article_id: int, read: bool = True) -> None: ...

    def set_favourite(self, article_id: int, favourite: bool = True) -> None: ...

    def reading_position(self, article_id: int) -> ReadingPosition | None: ...

    def save_reading_position(self, article_id: int, position: ReadingPosition) -> None: ...

    def export(
        self,
        ref: int | str,
        target: Path | None = None,
        *,
        fmt: str = "txt",
        include_comments: bool = True,
        force: bool = False,
    ) -> Path: ...

    async def open_url(self, url: str, *, refresh: bool = False) -> StoredArticle: ...

    async def refresh(
        self,
        source: int | str | Source | None = None,
        *,
        progress: Callable[[RefreshEvent], None] | None = None,
    ) -> RefreshReport: ...

    async def aclose(self) -> None: ...
