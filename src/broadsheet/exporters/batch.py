"""Many articles at once: one file per article in a folder, or one EPUB book.

``export_many`` takes the Library (anything with ``get``) rather than living on it, so the
batch logic stays with the formats. Every reference is resolved before anything is written:
a wrong id fails the batch without leaving half of it on disk. Within a folder, names come
from titles (``names.write_in_folder``): numbered on a clash, never outside the folder, and
an existing file is replaced only with ``force``, and never one this same batch wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from broadsheet.errors import ExportError
from broadsheet.export import get_format, render_bytes, write_file
from broadsheet.exporters.epub import book_title
from broadsheet.exporters.names import write_in_folder
from broadsheet.models import ArticleSummary, StoredArticle

Progress = Callable[[int, int, StoredArticle], None]
"""Called after each article is done: (articles done, total, the article)."""


class ArticleSource(Protocol):
    """What ``export_many`` needs from the Library: articles by id or URL, from the cache."""

    def get(self, ref: int | str) -> StoredArticle: ...


def resolve(
    library: ArticleSource, refs: Sequence[int | str | StoredArticle]
) -> list[StoredArticle]:
    """The articles ``refs`` name (ids, URLs or articles already loaded), each once, in order."""
    seen: set[int] = set()
    out: list[StoredArticle] = []
    for ref in refs:
        stored = ref if isinstance(ref, StoredArticle) else library.get(ref)
        if stored.id not in seen:
            seen.add(stored.id)
            out.append(stored)
    return out


def export_many(
    library: ArticleSource,
    refs: Sequence[int | str | StoredArticle],
    target: Path,
    *,
    fmt: str = "txt",
    folder: bool | None = None,
    include_comments: bool = True,
    force: bool = False,
    width: int = 80,
    modified: str | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the articles ``refs`` name to ``target``; return the files written.

    ``folder`` says whether ``target`` is a folder (created if missing); None means: it is
    one if it exists as one. Into a folder, epub writes one book named from its title and the
    other formats one file per article named from each title. To a file, epub writes the
    book; other formats need exactly one article.
    """
    spec = get_format(fmt)
    items = resolve(library, refs)
    if not items:
        raise ExportError("no articles to export")
    target = target.expanduser()
    into_folder = target.is_dir() if folder is None else folder
    if not into_folder and not spec.bundles and len(items) > 1:
        raise ExportError(
            f"{len(items)} articles need a folder: end the path with / (or use --format epub)"
        )

    def content(batch: list[StoredArticle]) -> bytes:
        return render_bytes(
            batch, fmt, width=width, include_comments=include_comments, modified=modified
        )

    if spec.bundles:
        data = content(items)
        for number, stored in enumerate(items, 1):
            if progress is not None:
                progress(number, len(items), stored)
        if into_folder:
            return [write_in_folder(target, book_title(items), spec.extension, data, replace=force)]
        return [write_file(target, data, force=force)]
    if not into_folder:
        path = write_file(target, content(items), force=force)
        if progress is not None:
            progress(1, 1, items[0])
        return [path]
    written: list[Path] = []
    taken: set[Path] = set()
    for number, stored in enumerate(items, 1):
        data = content([stored])
        path = write_in_folder(
            target, stored.article.title, spec.extension, data, replace=force, taken=taken
        )
        written.append(path)
        if progress is not None:
            progress(number, len(items), stored)
    return written


class ArticleList(Protocol):
    """The Library's article list, enough to select a source's articles or the favourites."""

    def list_articles(
        self,
        *,
        limit: int = 500,
        offset: int = 0,
        source_id: int | None = None,
        favourites: bool = False,
    ) -> list[ArticleSummary]: ...


def listed_ids(
    library: ArticleList, *, source_id: int | None = None, favourites: bool = False, page: int = 500
) -> list[int]:
    """Ids of a source's articles and/or the favourites, in the list's order (newest first).

    Pages through the whole list, so a batch is not cut at the first screenful.
    """
    ids: list[int] = []
    offset = 0
    while rows := library.list_articles(
        limit=page, offset=offset, source_id=source_id, favourites=favourites
    ):
        ids += [row.id for row in rows if row.favourite or not favourites]
        offset += len(rows)
    return ids
