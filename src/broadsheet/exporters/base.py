"""What every export format shares: the options a writer gets and the registry entry shape.

A format is either *textual* (one article in, one ``str`` out: txt, md, json, html) or a
*book* (many articles in, one file of ``bytes`` out: epub). Keeping both as plain callables
lets the registry in ``broadsheet.export`` stay a dict and adding a format stay one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from broadsheet.models import StoredArticle


@dataclass(frozen=True)
class ExportOptions:
    """How to write: the text width (txt), whether comments go in, and the book's date.

    ``modified`` fixes the EPUB ``dcterms:modified`` date and the zip entry times
    (``YYYY-MM-DDThh:mm:ssZ``); None means now. Tests pass it so a book is byte-for-byte
    reproducible.
    """

    width: int = 80
    include_comments: bool = True
    modified: str | None = None


TextWriter = Callable[[StoredArticle, ExportOptions], str]
BookWriter = Callable[[Sequence[StoredArticle], ExportOptions], bytes]


@dataclass(frozen=True)
class Format:
    """A registered format: its name, file extension and writer.

    ``render`` writes one article as text; ``book`` (set for formats that bundle, such as
    EPUB) writes many articles into one binary file. A format with only ``book`` cannot go
    to standard output.
    """

    name: str
    extension: str
    render: TextWriter | None = None
    book: BookWriter | None = None
    description: str = ""

    @property
    def bundles(self) -> bool:
        """True when many articles go into one file of this format."""
        return self.book is not None

    def to_bytes(self, items: Sequence[StoredArticle], options: ExportOptions) -> bytes:
        """The file's content for ``items`` (exactly one article for a textual format)."""
        if self.book is not None:
            return self.book(items, options)
        assert self.render is not None and len(items) == 1
        return self.render(items[0], options).encode("utf-8")
