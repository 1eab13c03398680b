"""The command line's search and cache commands: ``search`` and ``cache stats|prune|vacuum|
reindex|reset|path``.

Kept out of ``cli.py`` (which calls ``add_commands``) so that file stays a table of commands.
The rules are the CLI's: everything goes through ``Library``; web text is cleaned before it is
printed; ``--json`` prints one JSON document; failures are ``broadsheet: error: ...`` on
stderr. Two choices worth knowing:

- **Hits are marked only on a terminal.** ``search`` prints each hit in ANSI bold when stdout is
  a terminal and as plain text otherwise, so ``broadsheet search x | grep`` and scripts see
  the words as they are (brackets or asterisks would be indistinguishable from the text).
- **Progress goes to stderr, and only when stderr is a terminal** (``reindex``), one line
  rewritten in place, so logs and pipes stay clean.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from broadsheet import paths
from broadsheet.cli_common import StatusLine, open_library, say
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.serialize import summary_to_dict

if TYPE_CHECKING:
    from broadsheet.models import SearchHit

COMMANDS = ("search", "cache")
BOLD, RESET = "\x1b[1m", "\x1b[0m"
_SPACE = re.compile(r"\s")


def _size(count: int | None) -> str:
    if count is None:
        return "unknown"
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def marked_snippet(hit: SearchHit, *, bold: bool) -> str:
    """The snippet on one line, its hits in ANSI bold when ``bold``; every piece cleaned."""
    pieces: list[str] = []
    last = 0
    for start, end in hit.highlights:
        if start < last or end <= start:  # overlapping or empty ranges: skip, never garble
            continue
        pieces.append(_SPACE.sub(" ", clean_text(hit.snippet[last:start])))
        word = _SPACE.sub(" ", clean_text(hit.snippet[start:end]))
        pieces.append(f"{BOLD}{word}{RESET}" if bold else word)
        last = end
    pieces.append(_SPACE.sub(" ", clean_text(hit.snippet[last:])))
    return "".join(pieces).strip()


def _hit_dict(hit: SearchHit) -> dict[str, Any]:
    return {
        **summary_to_dict(hit.article),
        "rank": hit.rank,
        "field": hit.field,
        "snippet": clean_text(hit.snippet),
        "highlights": [list(h) for h in hit.highlights],
    }


def cmd_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with open_library() as library:
        for problem in library.parse_problems(query):
            say(f"warning: {problem}")
        hits = library.search(query, limit=args.limit)
    if args.json:
        sys.stdout.write(json.dumps([_hit_dict(h) for h in hits], ensure_ascii=False) + "\n")
        return 0
    bold = sys.stdout.isatty()
    for hit in hits:
        a = hit.article
        date = (a.published or a.fetched_at or "")[:10]
        title = clean_line(a.title) or "(untitled)"
        print(f"{a.id}\t{title}\t{clean_line(a.site_name)}\t{date}")
        snippet = marked_snippet(hit, bold=bold)
        if snippet:
            print(f"    {snippet}")
    if not hits:
        say(f"no cached article matches {query!r}")
        return 1
    return 0


# --- cache ---------------------------------------------------------------------------------


def cmd_cache_path(args: argparse.Namespace) -> int:
    print(paths.database_path())
    return 0


def cmd_cache_reset(args: argparse.Namespace) -> int:
    from broadsheet.store import reset_store

    database = paths.database_path()
    moved = reset_store(database)
    if moved is None:
        print(f"no cache file at {database}; nothing to reset")
    else:
        print(f"moved {database} to {moved}; the next run starts a fresh cache")
    return 0


def cmd_cache_stats(args: argparse.Namespace) -> int:
    with open_library() as library:
        s = library.cache_stats()
    if args.json:
        data = asdict(s)
        data["path"] = str(s.path)
        sys.stdout.write(json.dumps(data) + "\n")
        return 0
    rows = [
        ("file", f"{s.path} ({_size(s.file_bytes)})"),
        ("articles", f"{s.articles} ({s.unread} unread, {s.favourites} favourite)"),
        ("pages", f"{s.pages} ({_size(s.page_bytes)} as received)"),
        ("sources", str(s.sources)),
        ("comments", str(s.comments)),
        ("search index", f"{s.indexed} articles ({_size(s.index_bytes)})"),
        ("oldest", s.oldest or "-"),
        ("newest", s.newest or "-"),
    ]
    for name, value in rows:
        print(f"{name + ':':<14}{value}")
    return 0


def cmd_cache_prune(args: argparse.Namespace) -> int:
    with open_library() as library:
        result = library.prune(args.older_than)
    if args.verbose:
        for title in result.titles:
            print(f"removed: {clean_line(title) or '(untitled)'}")
    print(
        f"removed {result.articles} article{'s' * (result.articles != 1)} fetched more than "
        f"{args.older_than:g} days ago and {result.pages} stored page"
        f"{'s' * (result.pages != 1)}; kept {result.kept_favourites} favourite"
        f"{'s' * (result.kept_favourites != 1)} as old. Run 'broadsheet cache vacuum' to give "
        "the space back to the disk."
    )
    return 0


def cmd_cache_vacuum(args: argparse.Namespace) -> int:
    with open_library() as library:
        before, after = library.vacuum()
    print(f"compacted the cache: {_size(before)} -> {_size(after)}")
    return 0


def cmd_cache_reindex(args: argparse.Namespace) -> int:
    library = open_library()
    line = StatusLine(sys.stderr)
    try:
        result = library.reindex(lambda done, total: line.show(f"re-extracting [{done}/{total}]"))
    finally:
        line.finish()
        library.close()
    print(
        f"re-extracted {result.extracted} article{'s' * (result.extracted != 1)} from their "
        f"stored pages; {result.indexed} in the search index"
        + (f"; {result.failed} could not be read again" if result.failed else "")
    )
    return 1 if result.failed else 0


# --- the parser ----------------------------------------------------------------------------


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= number <= 10_000:
        raise argparse.ArgumentTypeError("the limit must be between 1 and 10000")
    return number


def _days(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {value!r}") from None
    if not 0 <= number < 100_000:
        raise argparse.ArgumentTypeError("the number of days must be 0 or more")
    return number


def add_commands(sub: Any) -> None:
    """Add ``search`` and ``cache`` to the CLI's subparsers."""
    p = sub.add_parser(
        "search",
        help="search the cached articles (Chinese and English)",
        description="Search titles, summaries, bodies, authors, sites and comments of the "
        "cached articles, best matches first. Words must all match; Chinese words of any "
        'length work. Also: read* (prefix), "a phrase", -word, site:, title:, author:, '
        "after:YYYY[-MM[-DD]], before:, is:unread, is:read, is:fav. Exits 1 when nothing "
        "matches, like grep.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    p.add_argument("--json", action="store_true", help="print the hits as one JSON array")
    p.add_argument(
        "--limit", type=_limit, default=20, metavar="N", help="at most N hits (default 20)"
    )
    p.set_defaults(func=cmd_search)

    cache = sub.add_parser(
        "cache", help="manage the cache file", description="Manage the cache file."
    )
    actions = cache.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("stats", help="sizes and counts of the cache")
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.set_defaults(func=cmd_cache_stats)
    a = actions.add_parser(
        "prune", help="remove old articles (favourites are kept), their pages and index entries"
    )
    a.add_argument(
        "--older-than",
        type=_days,
        required=True,
        metavar="DAYS",
        help="remove articles fetched more than DAYS days ago",
    )
    a.add_argument("-v", "--verbose", action="store_true", help="list the titles removed")
    a.set_defaults(func=cmd_cache_prune)
    a = actions.add_parser("vacuum", help="compact the cache file")
    a.set_defaults(func=cmd_cache_vacuum)
    a = actions.add_parser(
        "reindex",
        help="re-extract every article from its stored page and rebuild the search index",
    )
    a.set_defaults(func=cmd_cache_reindex)
    a = actions.add_parser(
        "reset",
        help="move the cache file aside (kept as <name>.corrupt-<time>) and start fresh",
    )
    a.set_defaults(func=cmd_cache_reset)
    a = actions.add_parser("path", help="print where the cache file is")
    a.set_defaults(func=cmd_cache_path)
