"""The EPUB format: an EPUB 3 book of one article or many, written with ``zipfile``.

Layout (EPUB 3.3): ``mimetype`` first and stored uncompressed (readers sniff it at a fixed
offset), ``META-INF/container.xml`` pointing at ``OEBPS/package.opf`` (dc:identifier,
dc:title, dc:language, dcterms:modified; a manifest listing every file; the spine), the
navigation document ``nav.xhtml`` (the table of contents), one stylesheet and one XHTML
chapter per article. Chapters reuse the html format's markup, which is well-formed XML.

Remote images are not allowed in EPUB (only audio, video and fonts may be remote) and an
export never fetches, so images become links with their caption. The identifier is a UUID
derived from the articles' URLs and the date comes from ``ExportOptions.modified`` (default
now), so one export run twice with one date gives the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import uuid
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime

from broadsheet.errors import ExportError
from broadsheet.exporters.base import ExportOptions
from broadsheet.exporters.htmlbody import STYLESHEET, article_html, esc, language_tag
from broadsheet.models import StoredArticle
from broadsheet.sanitize import clean_line

MEDIA_TYPE = "application/epub+zip"
_MODIFIED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def book_title(items: Sequence[StoredArticle]) -> str:
    """The book's title: the article's for one, a count for many."""
    if len(items) == 1:
        return clean_line(items[0].article.title) or "Untitled"
    return f"Broadsheet – {len(items)} articles"  # no colon: it also names the file


def _modified(options: ExportOptions) -> str:
    if options.modified is None:
        # SOURCE_DATE_EPOCH is the reproducible-builds convention for "pretend it is then".
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    if not _MODIFIED.fullmatch(options.modified):
        raise ExportError(
            f"the EPUB date must look like 2026-01-31T12:00:00Z, not {options.modified!r}"
        )
    return options.modified


def _xhtml(title: str, lang: str, body: str, *, css: bool = True) -> str:
    link = '<link rel="stylesheet" type="text/css" href="style.css"/>\n' if css else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{title}</title>\n{link}</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _package(items: Sequence[StoredArticle], names: list[str], lang: str, modified: str) -> str:
    urls = "\n".join(clean_line(s.article.url or s.final_url) for s in items)
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, "broadsheet:" + urls)
    meta = [
        f'<dc:identifier id="bookid">urn:uuid:{identifier}</dc:identifier>',
        f"<dc:title>{esc(book_title(items))}</dc:title>",
        f"<dc:language>{lang}</dc:language>",
        f'<meta property="dcterms:modified">{modified}</meta>',
    ]
    authors = [a for a in dict.fromkeys(clean_line(s.article.author) for s in items) if a]
    meta += [f"<dc:creator>{esc(a)}</dc:creator>" for a in authors]
    if len(items) == 1 and (items[0].article.url or items[0].final_url):
        meta.append(f"<dc:source>{esc(urls)}</dc:source>")
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    manifest += [
        f'<item id="{n[:-6]}" href="{n}" media-type="application/xhtml+xml"/>' for n in names
    ]
    spine = ['<itemref idref="nav"/>'] if len(items) > 1 else []
    spine += [f'<itemref idref="{n[:-6]}"/>' for n in names]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
        f' unique-identifier="bookid" xml:lang="{lang}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(meta)
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(manifest)
        + "\n</manifest>\n<spine>\n"
        + "\n".join(spine)
        + "\n</spine>\n</package>\n"
    )


def _nav(items: Sequence[StoredArticle], names: list[str], lang: str) -> str:
    entries = "\n".join(
        f'<li><a href="{name}">{esc(clean_line(s.article.title)) or "Untitled"}</a></li>'
        for s, name in zip(items, names, strict=True)
    )
    body = f'<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n<ol>\n{entries}\n</ol>\n</nav>'
    return _xhtml("Contents", lang, body)


def render_epub(items: Sequence[StoredArticle], options: ExportOptions) -> bytes:
    """The articles as one EPUB 3 book (bytes of a zip file)."""
    if not items:
        raise ExportError("an EPUB needs at least one article")
    modified = _modified(options)
    stamp = datetime.strptime(modified, "%Y-%m-%dT%H:%M:%SZ")
    date_time = (max(1980, stamp.year), stamp.month, stamp.day, stamp.hour, stamp.minute, 0)
    lang = language_tag(items[0].article.language)
    names = [f"a{number:03d}.xhtml" for number in range(1, len(items) + 1)]
    files: list[tuple[str, str]] = [
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/package.opf", _package(items, names, lang, modified)),
        ("OEBPS/nav.xhtml", _nav(items, names, lang)),
        ("OEBPS/style.css", STYLESHEET),
    ]
    for stored, name in zip(items, names, strict=True):
        article = stored.article
        body = article_html(
            article, stored.final_url, images=False, comments=options.include_comments
        )
        title = esc(clean_line(article.title)) or "Untitled"
        files.append((f"OEBPS/{name}", _xhtml(title, language_tag(article.language), body)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        first = zipfile.ZipInfo("mimetype", date_time)
        first.compress_type = zipfile.ZIP_STORED
        first.external_attr = 0o644 << 16
        book.writestr(first, MEDIA_TYPE)
        for path, text in files:
            info = zipfile.ZipInfo(path, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            book.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
