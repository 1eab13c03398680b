"""The command line's source commands: add, sources, remove, refresh, list and opml.

Kept out of ``cli.py`` so that file stays a readable table of commands; ``cli.build_parser``
calls ``add_commands`` and every handler goes through ``Library`` like the rest. Output rules
are the CLI's: web text is cleaned before it is printed, ``--json`` prints one JSON document,
failures are ``broadsheet: error: ...`` on stderr. ``refresh`` shows a one-line progress
indicator on stderr only when stderr is a terminal, so logs and pipes stay clean, and ends
with a summary naming each failed source; it exits 1 when any source failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from broadsheet.cli_common import StatusLine, open_library, say
from broadsheet.errors import BroadsheetError
from broadsheet.models import Source
from broadsheet.sanitize import clean_line
from broadsheet.serialize import summary_to_dict

if TYPE_CHECKING:
    from broadsheet.library import Library
    from broadsheet.sources import RefreshEvent, RefreshReport

COMMANDS = ("add", "sources", "remove", "refresh", "list", "opml")


def _source_line(source: Source) -> str:
    line = (
        f"{source.id}\t{source.unread}/{source.total}\t{source.kind}\t"
        f"{clean_line(source.title)}\t{clean_line(source.url)}"
    )
    return line + (f"\terror: {clean_line(source.error)}" if source.error else "")


def _source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source.url,
        "title": clean_line(source.title),
        "kind": source.kind,
        "feed_url": source.feed_url,
        "site_url": source.site_url,
        "full_article": source.full_article,
        "unread": source.unread,
        "total": source.total,
        "last_checked": source.last_checked,
        "error": clean_line(source.error) if source.error else None,
    }


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


async def _closing(library: Library, work: Any) -> Any:
    try:
        return await work
    finally:
        await library.aclose()


# --- handlers ------------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    with open_library() as library:
        source = asyncio.run(
            _closing(library, library.add_source(args.url, full_article=args.full_article))
        )
    print(_source_line(source))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    with open_library() as library:
        sources = library.sources()
    if args.json:
        _json([_source_dict(s) for s in sources])
    else:
        for source in sources:
            print(_source_line(source))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_library() as library:
        source = library.remove_source(args.source)
    print(f"removed {source.id}\t{clean_line(source.title)}\t{clean_line(source.url)}")
    return 0


def _summary(report: RefreshReport) -> None:
    results = report.results
    unchanged = sum(1 for r in results if r.not_modified)
    word = "source" if len(results) == 1 else "sources"
    say(
        f"refreshed {len(results)} {word}: {report.new} new articles, {unchanged} unchanged, "
        f"{len(report.failed)} failed"
    )
    for result in report.failed:
        say(f"error: {clean_line(result.source.title)}: {result.error}")


def cmd_refresh(args: argparse.Namespace) -> int:
    library = open_library()
    line = StatusLine(sys.stderr)

    def progress(event: RefreshEvent) -> None:
        host = urlsplit(event.source.feed_url or event.source.url).hostname or ""
        line.show(f"[{event.done}/{event.total}] {host} ...")

    try:
        target = library.get_source(args.source) if args.source else None
        report = asyncio.run(_closing(library, library.refresh(target, progress=progress)))
    finally:
        line.finish()
        library.close()
    _summary(report)
    return 1 if report.failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_library() as library:
        source_id = library.get_source(args.source).id if args.source else None
        articles = library.list_articles(
            limit=args.limit, source_id=source_id, unread=args.unread, favourites=args.favourites
        )
    if args.json:
        _json([summary_to_dict(a) for a in articles])
        return 0
    for a in articles:
        state = ("read" if a.read else "unread") + (" *" if a.favourite else "")
        title = clean_line(a.title) or f"(untitled) {clean_line(a.url)}"
        print(f"{a.id}\t{state}\t{(a.published or '')[:10]}\t{title}\t{clean_line(a.site_name)}")
    return 0


def cmd_opml(args: argparse.Namespace) -> int:
    if args.action == "import" and not args.file:
        args.opml_parser.error("opml import needs the FILE to read")
    with open_library() as library:
        if args.action == "import":
            try:
                data = Path(args.file).read_bytes()
            except OSError as exc:
                raise BroadsheetError(f"cannot read {args.file}: {exc.strerror}") from exc
            added = library.import_opml(data)
            for source in added:
                print(_source_line(source))
            say(f"imported {len(added)} new feeds; run 'broadsheet refresh' to fetch them")
            return 0
        document = library.export_opml()
    if args.output in (None, "-"):
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
        return 0
    try:
        Path(args.output).write_bytes(document)
    except OSError as exc:
        raise BroadsheetError(f"cannot write {args.output}: {exc.strerror}") from exc
    print(args.output)
    return 0


# --- the parser ----------------------------------------------------------------------------


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("the limit must be 1 or more")
    return number


def add_commands(sub: Any) -> None:
    """Register the source commands on ``cli.build_parser``'s subparsers."""
    p = sub.add_parser("add", help="follow a feed, or a site's page (its feed or its list)")
    p.add_argument("url", metavar="URL", help="a feed (RSS, Atom, JSON Feed) or a web page")
    p.add_argument(
        "--full-article",
        action="store_true",
        help="fetch every new entry's page instead of keeping the feed's own content",
    )
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("sources", help="list the sources followed, with unread counts")
    p.add_argument("--json", action="store_true", help="print the sources as JSON")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("remove", help="stop following a source (its articles stay cached)")
    p.add_argument("source", metavar="SOURCE", help="a source id or URL")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("refresh", help="check every source (or one) for new articles")
    p.add_argument("source", nargs="?", metavar="SOURCE", help="a source id or URL")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("list", help="list cached articles, newest first")
    p.add_argument("--source", metavar="SOURCE", help="only this source's (an id or URL)")
    p.add_argument("--unread", action="store_true", help="only unread articles")
    p.add_argument("--favourites", action="store_true", help="only favourite articles")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.add_argument("--limit", type=_limit, default=100, metavar="N", help="at most N (default 100)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("opml", help="import or export the feeds followed, as OPML")
    p.add_argument("action", choices=("import", "export"), help="import FILE, or export")
    p.add_argument("file", nargs="?", metavar="FILE", help="the OPML file to import")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="export: the file to write (default: stdout)"
    )
    p.set_defaults(func=cmd_opml, opml_parser=p)
