"""Export articles to files: the registry of formats and the public API.

``FORMATS`` maps a format name to a ``Format`` (``broadsheet.exporters.base``): txt, md,
json and html write one article as text; epub writes one or many articles as a book. Adding
a format is one module in ``broadsheet.exporters`` and one entry here. Rendering is pure;
writing goes through ``broadsheet.exporters.names``, which:

- names a file from the title when the target is a folder (``safe_filename``: DESIGN.md
  section 4, NFKC, no control/format/bidi characters, no ``\\ / : * ? " < > |``, no leading
  or trailing dots/spaces/dashes, at most 200 UTF-8 bytes, ``article`` for empty or reserved
  names);
- checks the resolved path stays inside the chosen folder;
- creates files with mode ``x`` (numbering clashes for generated names) and overwrites a file
  the user named only with ``force``.

Every string is cleaned with ``sanitize`` again on the way out. Many articles at once:
``broadsheet.exporters.batch.export_many``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from broadsheet.errors import ExportError
from broadsheet.exporters.base import ExportOptions, Format
from broadsheet.exporters.epub import render_epub
from broadsheet.exporters.html import render_html
from broadsheet.exporters.json import render_json
from broadsheet.exporters.md import render_md
from broadsheet.exporters.names import MAX_NAME_BYTES, safe_filename, write_in_folder, write_new
from broadsheet.exporters.txt import render_txt
from broadsheet.exporters.wrapping import wrap
from broadsheet.models import StoredArticle

__all__ = [
    "FORMATS",
    "MAX_NAME_BYTES",
    "ExportOptions",
    "Format",
    "export_article",
    "format_for_path",
    "get_format",
    "render",
    "render_bytes",
    "safe_filename",
    "wrap",
]

FORMATS: dict[str, Format] = {
    "txt": Format("txt", ".txt", render=render_txt, description="plain text, wrapped"),
    "md": Format("md", ".md", render=render_md, description="Markdown with YAML front matter"),
    "json": Format("json", ".json", render=render_json, description="the article JSON schema"),
    "html": Format("html", ".html", render=render_html, description="a self-contained page"),
    "epub": Format("epub", ".epub", book=render_epub, description="an EPUB 3 book"),
}

# Other extensions people use for the same formats.
_ALIASES = {".markdown": "md", ".text": "txt", ".htm": "html"}


def get_format(fmt: str) -> Format:
    """The registered format called ``fmt``; ExportError naming the known ones otherwise."""
    try:
        return FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"unknown export format {fmt!r} (known: {known})") from None


def format_for_path(path: Path) -> str | None:
    """The format a file name's extension asks for (``notes.json`` -> ``json``), if any."""
    suffix = path.suffix.lower()
    found = next((f.name for f in FORMATS.values() if f.extension == suffix), None)
    return found or _ALIASES.get(suffix)


def render(
    stored: StoredArticle, fmt: str = "txt", *, width: int = 80, include_comments: bool = True
) -> str:
    """The article in the text format ``fmt`` as a string (not for epub, which is binary)."""
    spec = get_format(fmt)
    if spec.render is None:
        raise ExportError(f"{fmt} is a binary format: write it to a file, not to the terminal")
    return spec.render(stored, ExportOptions(width=width, include_comments=include_comments))


def render_bytes(
    items: Sequence[StoredArticle],
    fmt: str,
    *,
    width: int = 80,
    include_comments: bool = True,
    modified: str | None = None,
) -> bytes:
    """The file content for ``items`` in ``fmt``: a book for epub, else exactly one article."""
    spec = get_format(fmt)
    if not spec.bundles and len(items) != 1:
        raise ExportError(f"a {fmt} file holds one article; export many into a folder")
    options = ExportOptions(width=width, include_comments=include_comments, modified=modified)
    return spec.to_bytes(items, options)


def export_article(
    stored: StoredArticle,
    target: Path | None,
    *,
    folder: Path,
    fmt: str | None = None,
    include_comments: bool = True,
    force: bool = False,
    width: int = 80,
    modified: str | None = None,
) -> Path:
    """Write the article and return the path written.

    ``target`` None or an existing folder: a new file named from the title in that folder
    (``folder`` when None), clashes numbered ``name (2).txt``.
    Otherwise ``target`` is the file; it is not overwritten unless ``force``. ``fmt`` None
    takes the format from the target's extension, else txt.
    """
    if fmt is None:
        fmt = (format_for_path(target) if target is not None else None) or "txt"
    data = render_bytes(
        [stored], fmt, width=width, include_comments=include_comments, modified=modified
    )
    extension = get_format(fmt).extension
    if target is not None and not target.is_dir():
        return write_file(target, data, force=force)
    return write_in_folder(target or folder, stored.article.title, extension, data)


def write_file(target: Path, data: bytes, *, force: bool) -> Path:
    """Write a file the user named: its folder must exist; never overwritten without force."""
    target = target.expanduser()
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: the folder {target.parent} does not exist")
    if not write_new(target, data, force=force):
        raise ExportError(f"{target} already exists; use --force to overwrite it")
    return target
