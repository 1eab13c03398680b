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
from broadsheet.config import load_config
from broadsheet.errors import BroadsheetError, ExportError
from broadsheet.export import FORMATS, format_for_path, render
from broadsheet.library import Library
from broadsheet.models import StoredArticle
from broadsheet.sanitize import clean_line
from broadsheet.serialize import article_to_dict

PROG = "broadsheet"
COMMANDS = ("open", "fetch", "show", "export", "demo", "cache")


def _say(message: str) -> None:
    print(f"{PROG}: {clean_line(message)}", file=sys.stderr)


def _error(message: str) -> None:
    _say(f"error: {message}")


def _title(stored: StoredArticle) -> str:
    return clean_line(stored.article.title) or f"(untitled) {clean_line(stored.final_url)}"


def _open_library() -> Library:
    """The Library on the configured folder, with config-file problems shown as warnings."""
    home = paths.home()
    config = load_config(paths.config_path(home))
    for problem in config.problems:
        _say(f"warning: {problem}")
    return Library(home, fetch_options=config.fetch_options())


async def _fetch_all(library: Library, urls: Sequence[str], refresh: bool) -> list[object]:
    """Fetch the URLs a few at a time; each result is a StoredArticle or the error raised."""
    gate = asyncio.Semaphore(4)

    async def one(url: str) -> object:
        async with gate:
            try:
                return await library.open_url(url, refresh=refresh)
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

    library = _open_library()
    try:
        run_app(library, list(args.urls))
    finally:
        library.close()
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    library = _open_library()
    try:
        results = asyncio.run(_fetch_all(library, args.urls, refresh=not args.cached))
    finally:
        library.close()
    failed = 0
    for result in results:
        if isinstance(result, StoredArticle):
            print(f"{result.id}\t{_title(result)}")
        else:
            failed += 1
            _error(str(result))
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    library = _open_library()
    try:
        stored = _article(library, args.ref)
    finally:
        library.close()
    if args.json:
        data = article_to_dict(stored)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(
            render(stored, "txt", width=args.width, include_comments=not args.no_comments)
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    output: str | None = args.output
    fmt = args.format or (format_for_path(Path(output)) if output not in (None, "-") else None)
    library = _open_library()
    try:
        stored = _article(library, args.ref)
        if output == "-":
            sys.stdout.write(
                render(
                    stored,
                    fmt or "txt",
                    width=args.width,
                    include_comments=not args.no_comments,
                )
            )
            return 0
        target = Path(output) if output else None
        if target is not None and str(output).endswith(("/", os.sep)):
            try:  # "-o folder/" names a folder, even one that does not exist yet
                target.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ExportError(f"cannot create the folder {target}: {exc.strerror}") from exc
        written = library.export(
            stored.id,
            target,
            fmt=fmt or "txt",
            include_comments=not args.no_comments,
            force=args.force,
            width=args.width,
        )
    finally:
        library.close()
    print(written)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from broadsheet.demo import run_demo

    return run_demo()


def cmd_cache(args: argparse.Namespace) -> int:
    database = paths.database_path()
    if args.action == "path":
        print(database)
        return 0
    from broadsheet.store import reset_store

    moved = reset_store(database)
    if moved is None:
        print(f"no cache file at {database}; nothing to reset")
    else:
        print(f"moved {database} to {moved}; the next run starts a fresh cache")
    return 0


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
        epilog=f"Data folder: {paths.ENV_HOME} if set, else {paths.home()}. "
        f"Run '{PROG} COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

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

    p = sub.add_parser("export", help="write an article to a file")
    p.add_argument("ref", metavar="URL|ID", help="an article id or URL")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write, a folder to name a file in, or - for standard output "
        "(default: a new file named from the title in the exports folder)",
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="the format (default: from the file's extension, else txt)",
    )
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _text_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", help="serve the built-in demo site and open the app on it")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("cache", help="manage the cache file")
    p.add_argument(
        "action",
        choices=("reset", "path"),
        help="reset: move the cache file aside (kept as <name>.corrupt-<time>) and start "
        "fresh; path: print where the cache file is",
    )
    p.set_defaults(func=cmd_cache)
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
