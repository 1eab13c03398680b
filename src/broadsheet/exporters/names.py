"""File names from hostile titles, and writing files that never clobber anything by accident.

Rules (DESIGN.md section 4): NFKC; drop control, format and bidi characters; replace
``\\ / : * ? " < > |``; strip leading and trailing dots, spaces and dashes (no hidden files,
no names that look like options); at most 200 UTF-8 bytes, cut on a character boundary;
``article`` when nothing is left or the name is reserved on Windows. Chinese is kept as is:
a reader wants ``社区医院服务能力提升.txt``, not pinyin.

``write_in_folder`` is the one place a generated name becomes a file: it checks the resolved
path is still inside the chosen folder, creates with mode ``x`` and numbers clashes
``name (2).txt``, so two articles with one title never overwrite each other.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from broadsheet.errors import ExportError
from broadsheet.sanitize import clean_text

_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")
}
MAX_NAME_BYTES = 200


def cap_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never in the middle of a character."""
    encoded = text.encode("utf-8")[: max(0, limit)]
    return encoded.decode("utf-8", "ignore")


def safe_filename(title: str, extension: str = "") -> str:
    """A file name made from a title: safe on every common system, readable in Chinese."""
    name = unicodedata.normalize("NFKC", clean_text(title)).replace("\n", " ").replace("\t", " ")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split())
    limit = MAX_NAME_BYTES - len(extension.encode("utf-8"))
    name = cap_bytes(name.strip(". -"), limit).strip(". -")
    stem = name.split(".")[0].strip().lower()
    if not name or stem in _RESERVED or set(name) <= {"_"}:
        name = "article"
    return name + extension


def write_new(path: Path, data: bytes, *, force: bool) -> bool:
    """Write ``data`` to a new file (or over one with ``force``); False if it already exists."""
    try:
        with path.open("wb" if force else "xb") as handle:
            handle.write(data)
    except FileExistsError:
        return False
    except IsADirectoryError:
        raise ExportError(f"cannot write {path}: it is a folder") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return True


def ensure_folder(folder: Path) -> Path:
    """Create ``folder`` if needed and return it resolved (symlinks followed once, here)."""
    folder = folder.expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {folder}: {exc.strerror or exc}") from exc
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    return folder.resolve()


def write_in_folder(
    folder: Path,
    title: str,
    extension: str,
    data: bytes,
    *,
    replace: bool = False,
    taken: set[Path] | None = None,
) -> Path:
    """Write ``data`` into ``folder`` under a name made from ``title``; return the path.

    A name already used is numbered (``name (2).md``). With ``replace`` an existing file of
    the same name is overwritten instead (``--force``), except one listed in ``taken``: the
    files this same batch already wrote, so a batch never overwrites itself. Paths written
    are added to ``taken``.
    """
    root = ensure_folder(folder)
    base = safe_filename(title, "")
    for number in range(1, 10_000):
        suffix = "" if number == 1 else f" ({number})"
        room = MAX_NAME_BYTES - len((suffix + extension).encode("utf-8"))
        stem = cap_bytes(base, room).rstrip(". -") or "article"
        path = root / f"{stem}{suffix}{extension}"
        if path.is_symlink() or path.is_dir() or (taken is not None and path in taken):
            continue  # never write through a link someone left there, nor over this batch
        if path.resolve().parent != root:
            raise ExportError(f"refusing to write outside {root}: {path.name!r}")
        if write_new(path, data, force=replace):
            if taken is not None:
                taken.add(path)
            return path
    raise ExportError(f"too many files named {base!r} in {root}")
