"""The command line: ``broadsheet [URL...]`` opens the app; subcommands work headlessly.

Every command goes through ``Library``, the same service the app uses. The Textual app and the
demo are imported only inside the functions that start them, so ``fetch``, ``show``,
``export`` and ``--help`` never load textual (a test checks this). Failures the user can act
on (``BroadsheetError``) print one line, ``broadsheet: error: ...``, on stderr and exit 1;
usage mistakes exit 2 (argparse); Ctrl-C exits 130. Text from the web is printed only after
``sanitize`` has cleaned it, so a page cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from broadsheet import __version__, paths
from broadsheet.cli_cache import COMMANDS as CACHE_COMMANDS
from broadsheet.cli_cache import add_commands as add_cache_commands
from broadsheet.cli_common import PROG
from broadsheet.cli_common import open_library as _open_library
from broadsheet.cli_common import say as _say
from broadsheet.cli_config import COMMANDS as CONFIG_COMMANDS
from broadsheet.cli_config import add_commands as add_config_commands
from broadsheet.cli_serve import COMMANDS as SERVE_COMMANDS
from broadsheet.cli_serve import add_commands as add_serve_commands
from broadsheet.cli_sources import COMMANDS as SOURCE_COMMANDS
from broadsheet.cli_sources import add_commands as add_source_commands
from broadsheet.errors import BroadsheetError, ExportError
from broadsheet.export import FORMATS, format_for_path, render
from broadsheet.library import Library
from broadsheet.models import StoredArticle
from broadsheet.sanitize import clean_line
from broadsheet.serialize import article_to_dict

COMMANDS = (
    "open",
    "fetch",
    "show",
    "export",
    "demo",
    *CACHE_COMMANDS,
    *SOURCE_COMMANDS,
    *SERVE_COMMANDS,
    *CONFIG_COMMANDS,
)


def _error(message: str) -> None:
    _say(f"error: {message}")


def _title(stored: StoredArticle) -> str:
    return clean_line(stored.article.title) or f"(untitled) {clean_line(stored.final_url)}"


async def _fetch_all(library: Library, urls: Sequence[str], refresh: bool) -> list[object]:
    """Fetch the URLs a few at a time; each result is a StoredArticle or the error raised.

    A refresh that cannot reach the server is an error here, not the cached copy the app
    falls back on: the user asked to fetch, and a script must know it did not happen.
    """
    gate = asyncio.Semaphore(4)

    async def one(url: str) -> object:
        async with gate:
            try:
                return await library.open_url(url, refresh=refresh, offline_fallback=False)
            except BroadsheetError as exc:
                return exc

    try:
        return list(await asyncio.gather(*(one(u) for u in urls)))
    finally:
        await library.aclose()


def _article(library: Library, ref: str) -> StoredArticle:
    """An article by id, or by URL: the cached copy, else fetched now."""
    if ref.strip().isdigit():
        return library.get(int(ref))
    cached = library.find(ref)
    if cached is not None:
        return cached
    (result,) = asyncio.run(_fetch_all(library, [ref], refresh=False))
    if isinstance(result, BroadsheetError):
        raise result
    assert isinstance(result, StoredArticle)
    return result


# --- commands ------------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    from broadsheet.ui.app import run_app

    with _open_library() as library:
        run_app(library, list(args.urls))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    with _open_library() as library:
        results = asyncio.run(_fetch_all(library, args.urls, refresh=not args.cached))
    failed = 0
    for result in results:
        if isinstance(result, StoredArticle):
            print(f"{result.id}\t{_title(result)}")
        else:
            failed += 1
            _error(str(result))
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open_library() as library:
        stored = _article(library, args.ref)
    if args.json:
        data = article_to_dict(stored)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(
            render(stored, "txt", width=args.width, include_comments=not args.no_comments)
        )
    return 0


def _export_selection(library: Library, args: argparse.Namespace) -> list[StoredArticle]:
    """The articles an export names: ids and URLs (fetching URLs not cached yet, a few at a
    time), then a source's articles or the favourites (a source's favourites with both), then
    the results of a search query, best first."""
    from broadsheet.exporters.batch import listed_ids

    chosen: list[StoredArticle | str] = []
    for ref in args.refs:
        cached = library.get(int(ref)) if ref.strip().isdigit() else library.find(ref)
        chosen.append(cached if cached is not None else ref)
    missing = [ref for ref in chosen if isinstance(ref, str)]
    if missing:
        fetched = iter(asyncio.run(_fetch_all(library, missing, refresh=False)))
        for number, ref in enumerate(chosen):
            if isinstance(ref, str):
                result = next(fetched)
                if isinstance(result, BroadsheetError):
                    raise result
                assert isinstance(result, StoredArticle)
                chosen[number] = result
    items = [x for x in chosen if isinstance(x, StoredArticle)]
    if args.favourites or args.source is not None:
        source_id = library.get_source(args.source).id if args.source is not None else None
        listed = listed_ids(library, source_id=source_id, favourites=args.favourites)
        items += [library.get(i) for i in listed]
    if args.query is not None:
        hits = library.search(args.query, limit=args.limit)
        items += [library.get(hit.article.id) for hit in hits]
    return items  # export_many drops repeats


def cmd_export(args: argparse.Namespace) -> int:
    from broadsheet.exporters.batch import export_many

    output: str | None = args.output
    fmt = args.format or (format_for_path(Path(output)) if output not in (None, "-") else None)
    fmt = fmt or "txt"
    if not args.refs and not args.favourites and args.source is None and args.query is None:
        raise ExportError(
            "name the articles to export: ids, URLs, --query, --source or --favourites"
        )
    if output == "-" and FORMATS[fmt].render is None:
        raise ExportError(f"{fmt} is a binary format: give a file or folder with -o")
    with _open_library() as library:
        items = _export_selection(library, args)
        if not items:
            raise ExportError("no articles matched: nothing to export")
        if output == "-":
            if len(items) != 1:
                raise ExportError(f"-o - writes one article, not {len(items)}; give a folder")
            sys.stdout.write(
                render(items[0], fmt, width=args.width, include_comments=not args.no_comments)
            )
            return 0
        folder: bool | None
        if output is None:  # the exports folder, one file per article named from its title
            target, folder = paths.export_dir(library.home), True
        else:  # "-o folder/" names a folder, even one that does not exist yet
            target, folder = Path(output), (True if output.endswith(("/", os.sep)) else None)

        def progress(done: int, total: int, stored: StoredArticle) -> None:
            _say(f"[{done}/{total}] {_title(stored)}")

        written = export_many(
            library,
            items,
            target,
            fmt=fmt,
            folder=folder,
            include_comments=not args.no_comments,
            force=args.force,
            width=args.width,
            progress=progress if len(items) > 1 else None,
        )
    for path in written:
        print(path)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from broadsheet.demo import run_demo

    return run_demo()


# --- the parser ----------------------------------------------------------------------------


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 20 <= width <= 1000:
        raise argparse.ArgumentTypeError("the width must be between 20 and 1000 columns")
    return width


def _text_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--width", type=_width, default=80, help="wrap text to this many columns (default 80)"
    )
    parser.add_argument("--no-comments", action="store_true", help="leave the comments out")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] [URL ...]\n       {PROG} COMMAND [options]",
        description="A terminal article reader: fetch web articles, keep them in a local "
        "cache, read them offline. With no command, opens the reader app (fetching any URLs "
        "given first).",
        epilog=f"Data folder: {paths.home()} ({paths.ENV_HOME} if set, else [storage] "
        f"data_dir in {paths.config_path(paths.config_home())}, else the default). "
        f"Run '{PROG} COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog=PROG)

    p = sub.add_parser("open", help="open the reader app, fetching URLs first")
    p.add_argument("urls", nargs="*", metavar="URL", help="pages to fetch and open")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("fetch", help="fetch pages into the cache and print their titles")
    p.add_argument("urls", nargs="+", metavar="URL", help="pages to fetch")
    p.add_argument(
        "--cached",
        action="store_true",
        help="skip URLs already cached (default: ask the server again; an unchanged page "
        "keeps its cached copy)",
    )
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("show", help="print an article as text (fetching it if not cached)")
    p.add_argument("ref", metavar="URL|ID", help="an article id or URL")
    p.add_argument("--json", action="store_true", help="print the article as one JSON object")
    _text_options(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "export",
        prog=f"{PROG} export",
        help="write articles to files: txt, md, json, html or epub",
        description="Write cached articles (fetching URLs not cached yet) to a file, a folder "
        "(one file per article, named from its title) or standard output. Nothing is "
        "overwritten without --force and nothing is written outside the chosen folder.",
    )
    p.add_argument(
        "refs", nargs="*", metavar="URL|ID", help="article ids or URLs (several allowed)"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="TARGET",
        help="a file; a folder (an existing one, or a path ending in /) to write one file per "
        "article in; or - for standard output (one article, not epub). Default: the exports "
        "folder",
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="the format (default: from the file's extension, else txt); epub puts every "
        "article into one book",
    )
    p.add_argument("--source", metavar="SOURCE", help="export a source's articles (its id or URL)")
    p.add_argument(
        "--favourites",
        action="store_true",
        help="export the favourite articles (with --source: that source's favourites)",
    )
    p.add_argument(
        "--query",
        metavar="QUERY",
        help="export the articles a search finds (the syntax of 'broadsheet search')",
    )
    p.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="with --query: at most N articles, best matches first (default 50)",
    )
    p.add_argument("--force", action="store_true", help="overwrite files that exist")
    _text_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", help="serve the built-in demo site and open the app on it")
    p.set_defaults(func=cmd_demo)

    add_cache_commands(sub)  # search, cache stats|prune|vacuum|reindex|reset|path
    add_source_commands(sub)  # add, sources, remove, refresh, list, opml (cli_sources.py)
    add_serve_commands(sub)  # serve: the app in a web browser (cli_serve.py)
    add_config_commands(sub)  # config path|show|edit (cli_config.py)
    return parser


def _route(argv: list[str]) -> list[str]:
    """``broadsheet URL...`` means ``broadsheet open URL...``; no arguments opens the app."""
    if not argv:
        return ["open"]
    first = argv[0]
    if first not in COMMANDS and not first.startswith("-") and any(c in first for c in "./:"):
        return ["open", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a legacy-encoded terminal must not crash us
    parser = build_parser()
    args = parser.parse_args(_route(list(sys.argv[1:] if argv is None else argv)))
    try:
        return int(args.func(args))
    except BroadsheetError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`show ... | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
